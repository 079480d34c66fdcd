/** Host names as vSphere takes them for the servers it connects to (ESXi hosts, NFS servers). */

/**
 * A DNS name or an IPv4 or IPv6 address: letters, digits, ".", ":" and "-", starting and ending with a letter or
 * digit, at most 255 characters (`HostConnectSpec.hostName`, `HostNasVolumeSpec.remoteHost`).
 */
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$/;

/** The longest DNS name. */
export const MAX_HOST_NAME_LENGTH = 255;

/** Whether `value` is a DNS name or an IP address. */
export function isHostName(value: string): boolean {
    return value.length <= MAX_HOST_NAME_LENGTH && HOST_NAME.test(value);
}
