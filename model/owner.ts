/**
 * Ownership markers. Every object this library creates carries the identity of the resource that created it:
 * the Pulumi project and stack, the resource's type and its name. A create that finds an object of its name
 * already there reads its marker: its own marker means an earlier `up` created the object and was interrupted
 * before the state recorded it, so the object is taken over; any other marker, or none, means someone else's
 * object, taken only with `adopt: true`.
 *
 * Pulumi's dynamic providers receive a resource's inputs only (not its URN), so the resource classes compute
 * the marker where the program runs and pass it as the input `owner`; it stays in the state's inputs (about 100
 * bytes) and is never an output.
 */
import { createHash } from "node:crypto";

/** What every marker starts with: it tells the library's markers from other text (a flavor's description). */
export const OWNER_PREFIX = "vsphere-openstack:";

/**
 * The longest marker: the state, vSphere's custom attributes and a Nova flavor's description keep it whole; where
 * an API leaves less room (a Neutron description, see `model/openstack/neutronDescription.ts`), {@link fitOwner}
 * shortens it further.
 */
export const MAX_OWNER_LENGTH = 255;

/** The input every resource's provider receives besides its arguments: set by the resource class. */
export interface OwnedInputs {
    /** The owner marker of the resource (see {@link ownerMarker}); absent in states written before markers. */
    owner?: string;
}

/**
 * The marker of resource `name` of type `type` (e.g. `vsphere:Datacenter`) in stack `stack` of project
 * `project`: `vsphere-openstack:<project>/<stack>/<type>/<name>`. A marker longer than
 * {@link MAX_OWNER_LENGTH} ends with the SHA-256 of the whole instead of the name, so it stays as stable.
 */
export function ownerMarker(project: string, stack: string, type: string, name: string): string {
    return fitOwner(`${OWNER_PREFIX}${project}/${stack}/${type}/${name}`, MAX_OWNER_LENGTH);
}

/** The characters the hashed form of a marker ends with: `#` and the SHA-256 of the whole in hex. */
const HASH_SUFFIX_LENGTH = 65;

/**
 * `marker` in at most `max` characters (more than 65): itself when it fits, else its first `max - 65`
 * characters, `#` and the SHA-256 of the whole marker in hex, which is as stable and as distinct as the marker.
 */
export function fitOwner(marker: string, max: number): string {
    if (marker.length <= max) {
        return marker;
    }
    const hash = createHash("sha256").update(marker).digest("hex");
    return `${marker.slice(0, max - HASH_SUFFIX_LENGTH)}#${hash}`;
}

/** Who an owner marker names, for messages: `stack dev of project cloud, resource vsphere:Datacenter "dc"`. */
export function describeOwner(marker: string): string {
    const parts = marker.startsWith(OWNER_PREFIX) ? marker.slice(OWNER_PREFIX.length).split("/") : [];
    if (parts.length < 4) {
        return `owner "${marker}"`;
    }
    const [project, stack, type, ...name] = parts;
    return `resource ${type} "${name.join("/")}" of stack ${stack} in project ${project}`;
}

/** Whether an object that carries marker `found` (undefined: none) is the one resource `owner` created. */
export function isOwnedBy(found: string | undefined, owner: string | undefined): boolean {
    return owner !== undefined && found === owner;
}

/** The project and stack a marker names (`<project>/<stack>`), if it is one of the library's markers. */
function stackOf(marker: string): string | undefined {
    const parts = marker.startsWith(OWNER_PREFIX) ? marker.slice(OWNER_PREFIX.length).split("/") : [];
    return parts.length >= 4 ? `${parts[0]}/${parts[1]}` : undefined;
}

/**
 * Whether an object marked `found` belongs to the stack of resource `owner`: for what has nowhere to keep a
 * marker of its own (a datastore folder), the object that holds it speaks for it.
 */
export function isSameStack(found: string | undefined, owner: string | undefined): boolean {
    const stack = owner === undefined ? undefined : stackOf(owner);
    return stack !== undefined && found !== undefined && stackOf(found) === stack;
}

/**
 * The end of a refusal: whose object it is and what to set to take it anyway, or what to choose `instead`
 * (defaults to "another name").
 */
export function refusalReason(found: string | undefined, kind: string, instead = "another name"): string {
    const whose =
        found === undefined ? "it carries no owner marker of this library" : `${describeOwner(found)} created it`;
    return `${whose}; set adopt: true to take it over as this ${kind}, or choose ${instead}`;
}

/**
 * Text followed by the marker, for an API whose create takes no other place for it (a Nova flavor's description,
 * which holds printable characters only, no line breaks; a Neutron network's or subnet's description): `text`, a
 * space and the marker; the marker alone when there is no text (null).
 */
export function withOwnerSuffix(text: string | null, owner: string | undefined): string | null {
    if (owner === undefined) {
        return text;
    }
    return text === null ? owner : `${text} ${owner}`;
}

/** Splits text written by {@link withOwnerSuffix} into the user's text and the marker (the last one). */
export function splitOwnerSuffix(text: string | null): { text: string | null; owner?: string } {
    if (text === null) {
        return { text };
    }
    const last = text.lastIndexOf(` ${OWNER_PREFIX}`);
    if (last >= 0) {
        return { text: text.slice(0, last), owner: text.slice(last + 1) };
    }
    return text.startsWith(OWNER_PREFIX) ? { text: null, owner: text } : { text };
}
