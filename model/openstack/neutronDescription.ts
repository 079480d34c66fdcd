/**
 * The description of a Neutron network or subnet, which holds the resource's owner marker besides the declared
 * text. Neutron takes no tags in the body of a network's or subnet's create, and a marker set by a second call
 * leaves the object unmarked when the provider dies between the two; so the marker goes into the description,
 * part of the create itself, the way a Nova flavor's does: the declared text, a space and the marker, the marker
 * alone when the declared text is empty. The state, diffs and outputs hold only the declared text.
 *
 * Neutron's description holds 255 characters: the marker takes at most {@link MAX_NEUTRON_OWNER_LENGTH} of them
 * (a longer one is shortened to its hashed form, see `fitOwner`), the declared text at most
 * {@link MAX_DESCRIPTION_LENGTH}, with the space between them.
 */
import { fitOwner, isOwnedBy, splitOwnerSuffix, withOwnerSuffix } from "../owner";

/** What Neutron's description of a network or subnet holds, in characters. */
export const NEUTRON_DESCRIPTION_LENGTH = 255;

/** The longest marker a Neutron description keeps: a longer one ends with its SHA-256 instead. */
export const MAX_NEUTRON_OWNER_LENGTH = 127;

/** The longest declared description of a network or subnet: what the marker and the space before it leave. */
export const MAX_DESCRIPTION_LENGTH = NEUTRON_DESCRIPTION_LENGTH - MAX_NEUTRON_OWNER_LENGTH - 1;

/** The marker `owner` as a Neutron description holds it: in at most {@link MAX_NEUTRON_OWNER_LENGTH} characters. */
export function neutronOwner(owner: string | undefined): string | undefined {
    return owner === undefined ? undefined : fitOwner(owner, MAX_NEUTRON_OWNER_LENGTH);
}

/** The description Neutron is sent for declared text `text` ("" for none) of the resource marked `owner`. */
export function markedDescription(text: string, owner: string | undefined): string {
    return withOwnerSuffix(text === "" ? null : text, neutronOwner(owner)) ?? "";
}

/** Splits a description Neutron holds into the declared text ("" for none) and the marker, if it has one. */
export function splitDescription(description: string): { text: string; owner?: string } {
    const { text, owner } = splitOwnerSuffix(description);
    return owner === undefined ? { text: text ?? "" } : { text: text ?? "", owner };
}

/** Whether `description` carries the marker of resource `owner` (never when the resource has none). */
export function carriesOwner(description: string, owner: string | undefined): boolean {
    return isOwnedBy(splitDescription(description).owner, neutronOwner(owner));
}
