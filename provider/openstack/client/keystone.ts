/**
 * Keystone v3: password authentication scoped to a project, one token per session, renewed shortly before it
 * expires and when a service answers 401; service endpoints from the token's catalog. Every request, its own
 * and the services', goes through the HTTP layer (http.ts).
 */
import { hasStatus, OpenStackError } from "./errors";
import { HttpClient, HttpResponse, RequestOptions } from "./http";

export type EndpointInterface = "public" | "internal" | "admin";

export interface AuthOptions {
    /** The identity endpoint, with or without the trailing `/v3`. */
    authUrl: string;
    userName?: string;
    userId?: string;
    /** The user's password, for password authentication. */
    password?: string;
    userDomainName?: string;
    userDomainId?: string;
    /** An application credential: its id, or its name together with its user; with its secret. */
    applicationCredentialId?: string;
    applicationCredentialName?: string;
    applicationCredentialSecret?: string;
    /** Project scope (by id, or by name within its domain). */
    projectName?: string;
    projectId?: string;
    projectDomainName?: string;
    projectDomainId?: string;
    /** Domain scope, used when no project is given. */
    domainName?: string;
    domainId?: string;
    /** The catalog region; any region when unset. */
    region?: string;
    interface: EndpointInterface;
    /** PEM CA bundle to trust. */
    ca?: string;
    insecure?: boolean;
    /** Renew the token when it has less than this left, in milliseconds. Defaults to 5 minutes. */
    renewBeforeMs?: number;
    /** How long to keep retrying a request the service could not take (see retry.ts), in ms. Defaults to 2 minutes. */
    retryForMs?: number;
}

interface CatalogEntry {
    type: string;
    endpoints: { interface: string; region?: string; region_id?: string; url: string }[];
}

/** The project a token is scoped to. */
export interface Project {
    id: string;
    name: string;
}

interface Token {
    value: string;
    expiresAt: number;
    catalog: CatalogEntry[];
    project?: Project;
    /** Whether the token is scoped (to a project, a domain or the system): an unscoped one has no catalog. */
    scoped: boolean;
}

const RENEW_BEFORE_MS = 5 * 60_000;

function scopedName(name: string | undefined, id: string | undefined, domainName?: string, domainId?: string) {
    if (id) {
        return { id };
    }
    return { name, domain: domainId ? { id: domainId } : { name: domainName ?? "Default" } };
}

/** A Keystone token and its catalog, shared by every service client made from the session. */
export class KeystoneSession {
    private readonly http: HttpClient;
    private token: Promise<Token> | undefined;

    constructor(protected readonly options: AuthOptions) {
        if (options.applicationCredentialSecret) {
            if (
                !options.applicationCredentialId &&
                !(options.applicationCredentialName && (options.userName || options.userId))
            ) {
                throw new Error("an application credential needs its id, or its name and its user's name or id");
            }
        } else if (!options.password || !(options.userName || options.userId)) {
            throw new Error(
                "OpenStack authentication needs a user name or id and a password, or an application credential",
            );
        }
        this.http = new HttpClient({ ca: options.ca, insecure: options.insecure, retryForMs: options.retryForMs });
    }

    /** Requests sent, by `METHOD host:port`, for measuring how much work an operation does. */
    get stats(): Map<string, number> {
        return this.http.stats;
    }

    private get identityUrl(): string {
        const base = this.options.authUrl.replace(/\/+$/, "");
        return /\/v3$/.test(base) ? base : `${base}/v3`;
    }

    private async authenticate(): Promise<Token> {
        const o = this.options;
        const user = scopedName(o.userName, o.userId, o.userDomainName, o.userDomainId);
        // An application credential carries its own scope; a password token is scoped to a project or domain.
        const auth = o.applicationCredentialSecret
            ? {
                  identity: {
                      methods: ["application_credential"],
                      application_credential: o.applicationCredentialId
                          ? { id: o.applicationCredentialId, secret: o.applicationCredentialSecret }
                          : { name: o.applicationCredentialName, user, secret: o.applicationCredentialSecret },
                  },
              }
            : {
                  identity: { methods: ["password"], password: { user: { ...user, password: o.password } } },
                  scope:
                      o.projectName || o.projectId
                          ? { project: scopedName(o.projectName, o.projectId, o.projectDomainName, o.projectDomainId) }
                          : o.domainName || o.domainId
                            ? { domain: o.domainId ? { id: o.domainId } : { name: o.domainName } }
                            : undefined,
              };
        const url = `${this.identityUrl}/auth/tokens`;
        // Issuing a token twice does no harm: retry it like an idempotent request.
        const res = await this.send("POST", url, {
            expect: [201],
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify({ auth }),
            idempotent: true,
        });
        const value = res.headers["x-subject-token"];
        const token = (
            JSON.parse(res.body) as {
                token: {
                    expires_at: string;
                    catalog?: CatalogEntry[];
                    project?: Project;
                    domain?: object;
                    system?: object;
                };
            }
        ).token;
        if (typeof value !== "string") {
            throw new OpenStackError("POST", url, [201], res.status, "Keystone returned no X-Subject-Token");
        }
        return {
            value,
            expiresAt: Date.parse(token.expires_at),
            catalog: token.catalog ?? [],
            project: token.project,
            scoped: Boolean(token.project || token.domain || token.system),
        };
    }

    /** The current token, authenticating when there is none or it is about to expire. */
    private async currentToken(): Promise<Token> {
        const pending = this.token;
        if (pending) {
            const token = await pending.catch(() => undefined);
            if (token && token.expiresAt - Date.now() > (this.options.renewBeforeMs ?? RENEW_BEFORE_MS)) {
                return token;
            }
            if (this.token !== pending) {
                return this.currentToken();
            }
        }
        const next = this.authenticate();
        this.token = next;
        next.catch(() => {
            if (this.token === next) {
                this.token = undefined;
            }
        });
        return next;
    }

    /** The project the token is scoped to. */
    async project(): Promise<Project | undefined> {
        return (await this.currentToken()).project;
    }

    /** Whether the token is scoped to a project, a domain or the system (an unscoped token has no catalog). */
    async scoped(): Promise<boolean> {
        return (await this.currentToken()).scoped;
    }

    /** The id of the project the token is scoped to. */
    async projectId(): Promise<string | undefined> {
        return (await this.project())?.id;
    }

    /** The catalog URL of a service type for the configured interface and region. */
    async endpoint(serviceType: string): Promise<string> {
        const { catalog } = await this.currentToken();
        const { region } = this.options;
        const entry = catalog.find((e) => e.type === serviceType);
        const endpoint = entry?.endpoints.find(
            (e) => e.interface === this.options.interface && (!region || e.region_id === region || e.region === region),
        );
        if (!endpoint) {
            const offered = catalog.map((e) => e.type).join(", ") || "nothing";
            throw new Error(
                `the Keystone catalog has no ${this.options.interface} "${serviceType}" endpoint` +
                    `${region ? ` in region ${region}` : ""} (it offers: ${offered})`,
            );
        }
        return endpoint.url;
    }

    /** Sends a request with the token; on an unexpected 401 it authenticates again and retries once. */
    async authorizedRequest(method: string, url: string, options: RequestOptions): Promise<HttpResponse> {
        const token = await this.currentToken();
        const tokenPromise = this.token;
        const withToken = (value: string) => ({ ...options, headers: { ...options.headers, "X-Auth-Token": value } });
        try {
            return await this.send(method, url, withToken(token.value));
        } catch (err) {
            if (!hasStatus(err, 401)) {
                throw err;
            }
        }
        if (this.token === tokenPromise) {
            this.token = undefined; // rejected before its expiry (revoked, or keys rotated): authenticate again
        }
        return this.send(method, url, withToken((await this.currentToken()).value));
    }

    /** Every request of the session, its own and the services', goes out here. */
    protected send(method: string, url: string, options: RequestOptions): Promise<HttpResponse> {
        return this.http.request(method, url, options);
    }
}
