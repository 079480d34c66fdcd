/** The provider of `openstack.Flavor`. */
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, FlavorArgs, FlavorState, rules } from "../../model/openstack/flavor";
import { configureProviders } from "../config";
import { isOwnedBy, OwnedInputs, refusalReason, splitOwnerSuffix, withOwnerSuffix } from "../../model/owner";
import { changedFields, diffByRules, sameValue } from "../../model/diff";
import { hasStatus, OpenStackError } from "./client/errors";
import * as nova from "./client/nova";
import { ServiceClient } from "./client/service";
import { openstackSession } from "./connection";

type Inputs = pulumi.Unwrap<FlavorArgs> & OwnedInputs;
/** What the inputs declare, defaults applied; the project access only when declared (others may manage it). */
type Wanted = Omit<FlavorState, "flavorId" | "projects"> & { flavorId?: string; projects?: string[] };

/** The fields Nova cannot change on an existing flavor (an adopted one must already have them). */
const FIXED: (keyof FlavorState & string)[] = [
    "vcpus",
    "ramMb",
    "diskGb",
    "ephemeralGb",
    "swapMb",
    "rxtxFactor",
    "isPublic",
];

function compute(): ServiceClient {
    return nova.novaClient(openstackSession());
}

/** The inputs with their defaults, as Nova will report them. */
function withDefaults(inputs: Inputs): Wanted {
    return {
        name: inputs.name,
        vcpus: inputs.vcpus,
        ramMb: inputs.ramMb,
        diskGb: inputs.diskGb,
        flavorId: inputs.flavorId,
        ephemeralGb: inputs.ephemeralGb ?? 0,
        swapMb: inputs.swapMb ?? 0,
        rxtxFactor: inputs.rxtxFactor ?? 1,
        isPublic: inputs.isPublic ?? true,
        description: inputs.description ?? null,
        extraSpecs: inputs.extraSpecs ?? {},
        projects: inputs.projects && [...inputs.projects].sort(),
    };
}

/** The state of flavor `f` as Nova reports it, with the projects given access to it. */
function stateOf(f: nova.NovaFlavor, projects: string[]): FlavorState {
    return {
        name: f.name,
        vcpus: f.vcpus,
        ramMb: f.ram,
        diskGb: f.disk,
        ephemeralGb: f["OS-FLV-EXT-DATA:ephemeral"],
        swapMb: f.swap === "" ? 0 : f.swap,
        rxtxFactor: f.rxtx_factor,
        isPublic: f["os-flavor-access:is_public"],
        flavorId: f.id,
        description: splitOwnerSuffix(f.description).text,
        extraSpecs: f.extra_specs ?? {},
        projects: [...projects].sort(),
    };
}

/** The state of flavor `f`, with the projects of a private flavor read from Nova (one call). */
async function toState(client: ServiceClient, f: nova.NovaFlavor): Promise<FlavorState> {
    const isPublic = f["os-flavor-access:is_public"];
    return stateOf(f, isPublic ? [] : await nova.listFlavorAccess(client, f.id));
}

async function readState(client: ServiceClient, id: string): Promise<FlavorState | undefined> {
    try {
        return await toState(client, await nova.getFlavor(client, id));
    } catch (err) {
        if (hasStatus(err, 404)) {
            return undefined;
        }
        throw err;
    }
}

/** Brings a flavor's extra specs from `current` to `wanted`: one call to set, one per key to remove. */
async function reconcileExtraSpecs(
    client: ServiceClient,
    id: string,
    current: Record<string, string>,
    wanted: Record<string, string>,
) {
    for (const key of Object.keys(current).filter((k) => !(k in wanted))) {
        await nova.deleteExtraSpec(client, id, key);
    }
    const changed = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => current[k] !== v));
    if (Object.keys(changed).length) {
        await nova.setExtraSpecs(client, id, changed);
    }
}

/**
 * Sets description, extra specs and (when declared) project access of flavor `id` from `current` to `want`.
 * The description Nova holds is the declared one followed by a space and the owner marker `owner`; `marked`
 * says whether the flavor carries that marker already.
 */
async function reconcile(
    client: ServiceClient,
    id: string,
    current: FlavorState,
    want: Wanted,
    owner: string | undefined,
    marked: boolean,
): Promise<void> {
    if (!sameValue(current.description, want.description) || !marked) {
        await nova.setFlavorDescription(client, id, withOwnerSuffix(want.description, owner));
    }
    await reconcileExtraSpecs(client, id, current.extraSpecs, want.extraSpecs);
    const projects = want.projects ?? current.projects;
    for (const project of current.projects.filter((p) => !projects.includes(p))) {
        await nova.setFlavorAccess(client, id, project, false);
    }
    for (const project of projects.filter((p) => !current.projects.includes(p))) {
        await nova.setFlavorAccess(client, id, project, true);
    }
}

/** Takes over an existing flavor: its fixed sizes must be the declared ones; the rest is reconciled. */
async function takeOver(
    client: ServiceClient,
    existing: nova.NovaFlavor,
    want: Wanted,
    owner: string | undefined,
): Promise<FlavorState> {
    const current = await toState(client, existing);
    const differing = changedFields(FIXED, current, want);
    if (want.flavorId !== undefined && want.flavorId !== current.flavorId) {
        differing.push("flavorId");
    }
    if (differing.length) {
        const detail = differing
            .map(
                (f) =>
                    `${f} ${JSON.stringify(current[f as keyof FlavorState])} (declared ${JSON.stringify(want[f as keyof Wanted])})`,
            )
            .join(", ");
        throw new Error(
            `flavor "${want.name}" (${current.flavorId}) exists with ${detail}; Nova cannot change these, so declare ` +
                `its values or delete the flavor first`,
        );
    }
    const marked = owner === undefined || splitOwnerSuffix(existing.description).owner === owner;
    await reconcile(client, current.flavorId, current, want, owner, marked);
    return reconciled(current, want);
}

/** The state of a flavor that was in `current` once {@link reconcile} has brought it to `want`. */
function reconciled(current: FlavorState, want: Wanted): FlavorState {
    return {
        ...current,
        description: want.description,
        extraSpecs: want.extraSpecs,
        projects: want.projects ?? current.projects,
    };
}

/**
 * Creates the flavor, its description carrying the owner marker: Nova's answer holds it whole, so what follows
 * is a call for the extra specs and one per project only when there are any, and no read-back.
 */
async function createFlavor(client: ServiceClient, want: Wanted, owner: string | undefined): Promise<FlavorState> {
    const created = await nova.createFlavor(client, {
        name: want.name,
        id: want.flavorId,
        vcpus: want.vcpus,
        ram: want.ramMb,
        disk: want.diskGb,
        "OS-FLV-EXT-DATA:ephemeral": want.ephemeralGb,
        swap: want.swapMb,
        rxtx_factor: want.rxtxFactor,
        "os-flavor-access:is_public": want.isPublic,
        description: withOwnerSuffix(want.description, owner) ?? undefined,
    });
    const state = stateOf(created, []);
    try {
        await reconcile(client, created.id, state, want, owner, true);
    } catch (err) {
        // A create either happens whole or not at all: don't leave a flavor without its specs behind.
        await nova.deleteFlavor(client, created.id).catch(() => undefined);
        throw err;
    }
    return reconciled(state, want);
}

/**
 * Creates the flavor. A flavor of its name that carries the resource's marker `owner` (an interrupted `up`
 * created it) is taken over; any other is refused naming its owner and `adopt`. When the answer to the create
 * is lost, Nova may have created the flavor: the one of its name is taken over.
 */
async function createOrRecover(client: ServiceClient, want: Wanted, owner: string | undefined): Promise<FlavorState> {
    try {
        return await createFlavor(client, want, owner);
    } catch (err) {
        const lost = err instanceof OpenStackError && err.responseLost;
        if (!lost && !hasStatus(err, 409)) {
            throw err;
        }
        const found = await nova.findFlavorByName(client, want.name);
        if (lost) {
            return found ? takeOver(client, found, want, owner) : createFlavor(client, want, owner);
        }
        if (!found) {
            throw err; // the flavor id is taken
        }
        const marker = splitOwnerSuffix(found.description).owner;
        if (isOwnedBy(marker, owner)) {
            return takeOver(client, found, want, owner);
        }
        throw new Error(`flavor "${want.name}" already exists (${found.id}): ${refusalReason(marker, "flavor")}`, {
            cause: err,
        });
    }
}

class FlavorProvider implements pulumi.dynamic.ResourceProvider<Inputs, FlavorState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        return checkInputs(news);
    }

    async diff(_id: string, olds: FlavorState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, withDefaults(news));
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<FlavorState>> {
        const client = compute();
        const want = withDefaults(inputs);
        const existing = inputs.adopt ? await nova.findFlavorByName(client, want.name) : undefined;
        const outs = existing
            ? await takeOver(client, existing, want, inputs.owner)
            : await createOrRecover(client, want, inputs.owner);
        return { id: outs.flavorId, outs };
    }

    async read(id: string): Promise<pulumi.dynamic.ReadResult<FlavorState>> {
        const state = await readState(compute(), id);
        return state ? { id, props: state } : {};
    }

    async update(id: string, olds: FlavorState, news: Inputs): Promise<pulumi.dynamic.UpdateResult<FlavorState>> {
        const want = withDefaults(news);
        await reconcile(compute(), id, olds, want, news.owner, true);
        return { outs: reconciled(olds, want) };
    }

    async delete(id: string): Promise<void> {
        try {
            await nova.deleteFlavor(compute(), id);
        } catch (err) {
            if (!hasStatus(err, 404)) {
                throw err;
            }
        }
    }
}

export const provider = new FlavorProvider();
