/** The host data objects of vim25 this library uses: `HostConnectSpec`, and a host's product as it reports it. */
import { obj, SoapObject, str, VimValue } from "../client/xml";
import { dataObject } from "./data";

/** `HostConnectSpec`: how vCenter reaches and logs in to an ESXi host. */
export interface HostConnectSpec {
    hostName: string;
    /** The SHA-1 thumbprint of the host's certificate, when declared. */
    sslThumbprint?: string;
    userName: string;
    password: string;
}

/** A `HostConnectSpec` in WSDL order; `force` (required) is false: a host managed elsewhere is refused. */
export function encodeHostConnectSpec(spec: HostConnectSpec): SoapObject {
    return dataObject({
        hostName: spec.hostName,
        sslThumbprint: spec.sslThumbprint,
        userName: spec.userName,
        password: spec.password,
        force: false,
    });
}

/** `AboutInfo` of a host (`summary.config.product`), as far as the library reads it. */
export interface HostProduct {
    version: string;
    build: string;
}

export function decodeHostProduct(value: VimValue | undefined): HostProduct {
    const product = obj(value, "HostSystem.summary.config.product");
    return { version: str(product.version, "product.version"), build: str(product.build, "product.build") };
}
