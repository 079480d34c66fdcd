/**
 * The method layer: a logged-in vim25 session over a {@link SoapTransport}. One login per client; a call that
 * meets `NotAuthenticated` (the session expired or was ended) logs in again once and is retried once.
 */
import { Element } from "@xmldom/xmldom";
import { isFault } from "./faults";
import { SoapTransport } from "./transport";
import { children, decode, ManagedObjectReference, moref, obj, SoapObject, VimValue } from "./xml";

export interface Credentials {
    userName: string;
    password: string;
}

/** The parts of the `ServiceContent` this library uses. */
export interface ServiceContent {
    rootFolder: ManagedObjectReference;
    propertyCollector: ManagedObjectReference;
    searchIndex: ManagedObjectReference;
    sessionManager: ManagedObjectReference;
    /** Creates and deletes directories and files on datastores. */
    fileManager: ManagedObjectReference;
    /** Defines custom attributes and sets their values on managed entities. */
    customFieldsManager: ManagedObjectReference;
}

const SERVICE_INSTANCE = new ManagedObjectReference("ServiceInstance", "ServiceInstance");

export class VimClient {
    private content: Promise<ServiceContent> | undefined;
    private session: Promise<void> | undefined;

    constructor(
        readonly transport: SoapTransport,
        private readonly credentials: Credentials,
    ) {}

    /** The service content, retrieved once per client. */
    serviceContent(): Promise<ServiceContent> {
        this.content ??= this.transport.call("RetrieveServiceContent", { _this: SERVICE_INSTANCE }).then((response) => {
            const sc = obj(decode(children(response, "returnval")[0]), "ServiceContent");
            return {
                rootFolder: moref(sc.rootFolder, "rootFolder"),
                propertyCollector: moref(sc.propertyCollector, "propertyCollector"),
                searchIndex: moref(sc.searchIndex, "searchIndex"),
                sessionManager: moref(sc.sessionManager, "sessionManager"),
                fileManager: moref(sc.fileManager, "fileManager"),
                customFieldsManager: moref(sc.customFieldsManager, "customFieldsManager"),
            };
        });
        this.content.catch(() => (this.content = undefined));
        return this.content;
    }

    /** Logs in unless this client already holds a session; concurrent callers share one login. */
    private ensureSession(): Promise<void> {
        if (!this.session) {
            const login = this.serviceContent().then(async (sc) => {
                this.transport.clearSession();
                await this.transport.call("Login", {
                    _this: sc.sessionManager,
                    userName: this.credentials.userName,
                    password: this.credentials.password,
                });
            });
            login.catch(() => {
                if (this.session === login) {
                    this.session = undefined;
                }
            });
            this.session = login;
        }
        return this.session;
    }

    /**
     * Calls a vim25 method in the session. Returns the decoded `returnval` (an array when the method returns
     * several), or undefined for a method without a result. `inspect` may raise faults that a successful
     * response carries inside (a property read reports `NotAuthenticated` in its `missingSet`); those count as
     * the call's faults, so that an expired session is renewed for them too.
     */
    async invoke(
        method: string,
        args: SoapObject,
        inspect: (value: VimValue | undefined) => void = () => undefined,
    ): Promise<VimValue | undefined> {
        const attempt = async () => {
            const value = returnValue(await this.transport.call(method, args));
            inspect(value);
            return value;
        };
        const session = this.ensureSession();
        await session;
        try {
            return await attempt();
        } catch (err) {
            if (!isFault(err, "NotAuthenticated")) {
                throw err;
            }
            if (this.session === session) {
                this.session = undefined;
            }
            await this.ensureSession();
            return attempt();
        }
    }
}

function returnValue(response: Element): VimValue | undefined {
    const values = children(response, "returnval").map(decode);
    return values.length <= 1 ? values[0] : values;
}
