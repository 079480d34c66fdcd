/**
 * The SOAP transport: one keep-alive HTTPS connection pool to one SOAP endpoint of a vCenter (vim25 at `/sdk`
 * by default; another endpoint, such as PBM's `/pbm/sdk`, names its own URL, namespace and API version), the
 * session cookie, and SOAP faults turned into {@link VimFault}s. It knows nothing of sessions or managed objects.
 */
import type * as http from "node:http";
import { Element } from "@xmldom/xmldom";
import { httpRequest, HttpResponse, keepAliveAgent } from "../../http";
import { faultFromSoap, VSphereError } from "./faults";
import { encodeRequest, parseBody, SoapObject, SOAPENV, VIM25 } from "./xml";

export interface TransportOptions {
    /** The endpoint's URL, e.g. `https://vcenter.example.com/sdk`. */
    url: string;
    /** The XML namespace of the endpoint's methods. Defaults to `urn:vim25`. */
    namespace?: string;
    /** The API release the client speaks, sent in the SOAPAction as `<namespace>/<release>`. Defaults to 8.0.3.0. */
    apiVersion?: string;
    /** PEM CA certificates to trust in addition to the system's. */
    ca?: string;
    /** Skip TLS certificate verification (for lab vCenters with self-signed certificates only). */
    insecure?: boolean;
    /** Per-request timeout in milliseconds. Defaults to 5 minutes. */
    timeoutMs?: number;
}

/** The vim25 API release the client speaks unless told otherwise. */
const API_VERSION = "8.0.3.0";
const SESSION_COOKIE = "vmware_soap_session";

/** Counts of round trips by method, for measuring how much work an operation does. */
export class CallStats {
    readonly byMethod = new Map<string, number>();

    record(method: string): void {
        this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
    }
}

export class SoapTransport {
    readonly stats = new CallStats();
    private readonly url: URL;
    private readonly namespace: string;
    private readonly agent: http.Agent;
    private cookie: string | undefined;

    constructor(private readonly options: TransportOptions) {
        this.url = new URL(options.url);
        this.namespace = options.namespace ?? VIM25;
        this.agent = keepAliveAgent(this.url, options.ca, options.insecure ?? false);
    }

    /** Forgets the session cookie, so that the next request starts without a session. */
    clearSession(): void {
        this.cookie = undefined;
    }

    /** Calls a vim25 method and returns its response element; a SOAP fault is thrown as a {@link VimFault}. */
    async call(method: string, args: SoapObject): Promise<Element> {
        this.stats.record(method);
        const { status, body } = await this.post(method, encodeRequest(method, args, this.namespace));
        let element: Element;
        try {
            element = parseBody(body);
        } catch (err) {
            throw new VSphereError(`${method}: HTTP ${status} from ${this.url.href}: ${(err as Error).message}`);
        }
        if (element.namespaceURI === SOAPENV && element.localName === "Fault") {
            throw faultFromSoap(method, element);
        }
        if (status !== 200) {
            throw new VSphereError(`${method}: unexpected HTTP ${status} from ${this.url.href}`);
        }
        return element;
    }

    private async post(method: string, payload: string): Promise<HttpResponse> {
        const headers: http.OutgoingHttpHeaders = {
            "Content-Type": "text/xml; charset=utf-8",
            SOAPAction: `${this.namespace}/${this.options.apiVersion ?? API_VERSION}`,
        };
        if (this.cookie) {
            headers.Cookie = this.cookie;
        }
        let res: HttpResponse;
        try {
            res = await httpRequest(this.url, {
                method: "POST",
                headers,
                body: payload,
                agent: this.agent,
                timeoutMs: this.options.timeoutMs ?? 300_000,
            });
        } catch (err) {
            throw new VSphereError(`${method}: ${this.url.href}: ${(err as Error).message}`, { cause: err });
        }
        this.keepCookie(res.headers["set-cookie"]);
        return res;
    }

    private keepCookie(setCookie: string[] | undefined): void {
        for (const line of setCookie ?? []) {
            const pair = line.split(";")[0];
            if (pair.startsWith(`${SESSION_COOKIE}=`)) {
                this.cookie = pair;
            }
        }
    }
}
