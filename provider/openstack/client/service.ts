/**
 * Authenticated calls to one OpenStack service. Each call names its expected status codes (anything else is an
 * {@link OpenStackError} carrying the service's message) and, for Nova, its microversion.
 */
import { KeystoneSession } from "./keystone";

export interface CallOptions {
    /** Status codes that mean success. */
    expect: readonly number[];
    /** A JSON body. */
    body?: unknown;
    /** The compute microversion, e.g. "2.61"; sent as `OpenStack-API-Version: compute 2.61`. */
    microversion?: string;
}

export class ServiceClient {
    constructor(
        /** The session whose token the calls carry. */
        readonly session: KeystoneSession,
        /** The catalog service type, e.g. `compute` or `network`. */
        readonly serviceType: string,
        /** The API version path appended to a catalog URL that lacks it, e.g. `v2.0` for Neutron. */
        private readonly versionPath = "",
    ) {}

    private async url(path: string): Promise<string> {
        let base = (await this.session.endpoint(this.serviceType)).replace(/\/+$/, "");
        if (this.versionPath && !base.endsWith(`/${this.versionPath}`)) {
            base = `${base}/${this.versionPath}`;
        }
        return base + path;
    }

    /** Calls `method path`; returns the parsed JSON body (undefined when empty). */
    async call<T = unknown>(method: string, path: string, options: CallOptions): Promise<T> {
        const url = await this.url(path);
        const headers: Record<string, string> = { Accept: "application/json" };
        if (options.body !== undefined) {
            headers["Content-Type"] = "application/json";
        }
        if (options.microversion) {
            headers["OpenStack-API-Version"] = `${this.serviceType} ${options.microversion}`;
        }
        const body = options.body === undefined ? undefined : JSON.stringify(options.body);
        const res = await this.session.authorizedRequest(method, url, { expect: options.expect, headers, body });
        return (res.body ? JSON.parse(res.body) : undefined) as T;
    }
}
