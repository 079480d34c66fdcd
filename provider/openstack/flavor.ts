/** The provider of `openstack.Flavor`. */
import type * as pulumi from "@pulumi/pulumi";
import type { FlavorArgs, FlavorState } from "../../sdk/openstack/flavor";
import { InputChecker } from "../check";
import { configureProviders } from "../config";
import { diffByRules, FieldRules, sameValue } from "../diff";
import { hasStatus } from "./client/errors";
import * as nova from "./client/nova";
import { ServiceClient } from "./client/service";
import { openstackSession } from "./connection";

type Inputs = pulumi.Unwrap<FlavorArgs>;

export const rules: FieldRules<FlavorState> = {
    replace: ["name", "vcpus", "ramMb", "diskGb", "ephemeralGb", "swapMb", "rxtxFactor", "isPublic", "flavorId"],
    update: ["description", "extraSpecs"],
    keepWhenOmitted: ["flavorId"],
    deleteBeforeReplace: true,
};

/** Nova keeps sizes in 32-bit integer columns. */
const MAX_INT = 2147483647;

function compute(): ServiceClient {
    return nova.novaClient(openstackSession());
}

/** The inputs with their defaults, as Nova will report them. */
function withDefaults(inputs: Inputs): Omit<FlavorState, "flavorId"> & { flavorId?: string } {
    return {
        ...inputs,
        ephemeralGb: inputs.ephemeralGb ?? 0,
        swapMb: inputs.swapMb ?? 0,
        rxtxFactor: inputs.rxtxFactor ?? 1,
        isPublic: inputs.isPublic ?? true,
        description: inputs.description ?? null,
        extraSpecs: inputs.extraSpecs ?? {},
    };
}

function toState(f: nova.NovaFlavor): FlavorState {
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
        description: f.description,
        extraSpecs: f.extra_specs ?? {},
    };
}

async function readState(client: ServiceClient, id: string): Promise<FlavorState | undefined> {
    try {
        return toState(await nova.getFlavor(client, id));
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

class FlavorProvider implements pulumi.dynamic.ResourceProvider<Inputs, FlavorState> {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureProviders(req.config);
    }

    async check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
        const c = new InputChecker();
        c.name("name", news.name, 255);
        c.integer("vcpus", news.vcpus, 1, MAX_INT, true);
        c.integer("ramMb", news.ramMb, 4, MAX_INT, true);
        if (typeof news.ramMb === "number" && news.ramMb % 4 !== 0) {
            c.fail("ramMb", `ramMb must be a multiple of 4 MiB (the VMware driver needs it), not ${news.ramMb}`);
        }
        c.integer("diskGb", news.diskGb, 0, MAX_INT, true);
        c.integer("ephemeralGb", news.ephemeralGb, 0, MAX_INT, false);
        c.integer("swapMb", news.swapMb, 0, MAX_INT, false);
        c.number("rxtxFactor", news.rxtxFactor, Number.MIN_VALUE, 3.4e38);
        c.boolean("isPublic", news.isPublic);
        c.name("flavorId", news.flavorId, 255, false);
        c.string("description", news.description);
        c.stringMap("extraSpecs", news.extraSpecs);
        return c.result(news);
    }

    async diff(_id: string, olds: FlavorState, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
        return diffByRules(rules, olds, withDefaults(news));
    }

    async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<FlavorState>> {
        const client = compute();
        const want = withDefaults(inputs);
        const { id } = await nova.createFlavor(client, {
            name: want.name,
            id: want.flavorId,
            vcpus: want.vcpus,
            ram: want.ramMb,
            disk: want.diskGb,
            "OS-FLV-EXT-DATA:ephemeral": want.ephemeralGb,
            swap: want.swapMb,
            rxtx_factor: want.rxtxFactor,
            "os-flavor-access:is_public": want.isPublic,
            description: want.description ?? undefined,
        });
        try {
            await reconcileExtraSpecs(client, id, {}, want.extraSpecs);
        } catch (err) {
            // A create either happens whole or not at all: don't leave a flavor without its specs behind.
            await nova.deleteFlavor(client, id).catch(() => undefined);
            throw err;
        }
        const outs = await readState(client, id);
        if (!outs) {
            throw new Error(`flavor ${id} disappeared right after it was created`);
        }
        return { id, outs };
    }

    async read(id: string): Promise<pulumi.dynamic.ReadResult<FlavorState>> {
        const state = await readState(compute(), id);
        return state ? { id, props: state } : {};
    }

    async update(id: string, olds: FlavorState, news: Inputs): Promise<pulumi.dynamic.UpdateResult<FlavorState>> {
        const client = compute();
        const want = withDefaults(news);
        if (!sameValue(olds.description, want.description)) {
            await nova.setFlavorDescription(client, id, want.description);
        }
        await reconcileExtraSpecs(client, id, olds.extraSpecs, want.extraSpecs);
        const outs = await readState(client, id);
        if (!outs) {
            throw new Error(`flavor ${id} disappeared while it was being updated`);
        }
        return { outs };
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
