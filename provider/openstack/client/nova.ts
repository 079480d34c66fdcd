/**
 * Nova flavors (compute API v2.1). Microversions per call: 2.61 to create a flavor (with a description, 2.55)
 * and have the answer hold the whole flavor with its extra specs, 2.55 to update a description, 2.61 to read a
 * flavor with its extra specs in one GET.
 */
import { KeystoneSession } from "./keystone";
import { ServiceClient } from "./service";

/** A flavor as Nova returns it at microversion 2.61. */
export interface NovaFlavor {
    id: string;
    name: string;
    vcpus: number;
    ram: number;
    disk: number;
    swap: number | "";
    "OS-FLV-EXT-DATA:ephemeral": number;
    "os-flavor-access:is_public": boolean;
    rxtx_factor: number;
    description: string | null;
    extra_specs: Record<string, string>;
}

export interface FlavorCreate {
    name: string;
    id?: string;
    vcpus: number;
    ram: number;
    disk: number;
    "OS-FLV-EXT-DATA:ephemeral"?: number;
    swap?: number;
    rxtx_factor?: number;
    "os-flavor-access:is_public"?: boolean;
    description?: string;
}

export function novaClient(session: KeystoneSession): ServiceClient {
    return new ServiceClient(session, "compute");
}

/**
 * POST /flavors → 200 with the new flavor, its (empty) extra specs included at 2.61. A duplicate name or id is a
 * 409 `conflictingRequest`.
 */
export async function createFlavor(nova: ServiceClient, flavor: FlavorCreate): Promise<NovaFlavor> {
    const res = await nova.call<{ flavor: NovaFlavor }>("POST", "/flavors", {
        expect: [200],
        body: { flavor },
        microversion: "2.61",
    });
    return res.flavor;
}

/** GET /flavors/{id} → 200 (with extra specs at 2.61); 404 when it does not exist. */
export async function getFlavor(nova: ServiceClient, id: string): Promise<NovaFlavor> {
    const res = await nova.call<{ flavor: NovaFlavor }>("GET", `/flavors/${encodeURIComponent(id)}`, {
        expect: [200],
        microversion: "2.61",
    });
    return res.flavor;
}

/** PUT /flavors/{id} → 200: the description is the only field Nova lets change. */
export async function setFlavorDescription(nova: ServiceClient, id: string, description: string | null): Promise<void> {
    await nova.call("PUT", `/flavors/${encodeURIComponent(id)}`, {
        expect: [200],
        body: { flavor: { description } },
        microversion: "2.55",
    });
}

/** POST /flavors/{id}/os-extra_specs → 200: adds or overwrites the given keys. */
export async function setExtraSpecs(nova: ServiceClient, id: string, specs: Record<string, string>): Promise<void> {
    await nova.call("POST", `/flavors/${encodeURIComponent(id)}/os-extra_specs`, {
        expect: [200],
        body: { extra_specs: specs },
    });
}

/** DELETE /flavors/{id}/os-extra_specs/{key} → 200. */
export async function deleteExtraSpec(nova: ServiceClient, id: string, key: string): Promise<void> {
    await nova.call("DELETE", `/flavors/${encodeURIComponent(id)}/os-extra_specs/${encodeURIComponent(key)}`, {
        expect: [200],
    });
}

/**
 * GET a collection (`/flavors/detail`, `/servers/detail?…`) → 200 at `microversion`, following
 * `<collection>_links` rel `next` until the last page.
 */
export async function listAll<T>(
    nova: ServiceClient,
    collection: string,
    path: string,
    microversion: string,
): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
        const page: Record<string, unknown> = await nova.call("GET", next, { expect: [200], microversion });
        items.push(...(page[collection] as T[]));
        const links = (page[`${collection}_links`] ?? []) as { rel: string; href: string }[];
        const href = links.find((l) => l.rel === "next")?.href;
        // The link is absolute; keep what follows the API's base path, which the client adds again.
        next = href ? href.slice(href.indexOf(`/${path.split("/")[1]}`)) : undefined;
    }
    return items;
}

/** GET /flavors/detail?is_public=None → 200, following `flavors_links`: every flavor an admin may see. */
export function listFlavors(nova: ServiceClient): Promise<NovaFlavor[]> {
    return listAll<NovaFlavor>(nova, "flavors", "/flavors/detail?is_public=None", "2.61");
}

/** The flavor named `name`, or undefined (names are unique in Nova). */
export async function findFlavorByName(nova: ServiceClient, name: string): Promise<NovaFlavor | undefined> {
    return (await listFlavors(nova)).find((f) => f.name === name);
}

/** GET /flavors/{id}/os-flavor-access → 200: the projects given access to a private flavor. */
export async function listFlavorAccess(nova: ServiceClient, id: string): Promise<string[]> {
    const res = await nova.call<{ flavor_access: { tenant_id: string }[] }>(
        "GET",
        `/flavors/${encodeURIComponent(id)}/os-flavor-access`,
        { expect: [200] },
    );
    return res.flavor_access.map((a) => a.tenant_id);
}

/**
 * POST /flavors/{id}/action addTenantAccess or removeTenantAccess → 200. At 2.7 and later Nova refuses (409)
 * access grants on a public flavor instead of accepting them silently.
 */
export async function setFlavorAccess(nova: ServiceClient, id: string, project: string, grant: boolean): Promise<void> {
    await nova.call("POST", `/flavors/${encodeURIComponent(id)}/action`, {
        expect: [200],
        body: { [grant ? "addTenantAccess" : "removeTenantAccess"]: { tenant: project } },
        microversion: "2.7",
    });
}

/** DELETE /flavors/{id} → 202. */
export async function deleteFlavor(nova: ServiceClient, id: string): Promise<void> {
    await nova.call("DELETE", `/flavors/${encodeURIComponent(id)}`, { expect: [202] });
}
