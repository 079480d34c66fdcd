/**
 * `CustomFieldsManager`: the custom attribute that holds the owner marker of every vSphere object this library
 * creates (see `model/owner.ts`). The attribute is defined once per vCenter, for every managed entity type, the
 * first time an object is marked; its key is looked up once per client. vCenter keeps an entity's values in its
 * `customValue` property, which survives renames and moves, and shows them as the entity's custom attributes.
 * Defining the attribute needs the privilege Global.ManageCustomFields, setting it Global.SetCustomField.
 */
import { VimClient } from "../client/client";
import { isFault } from "../client/faults";
import { list, ManagedObjectReference, obj, str } from "../client/xml";
import { ManagedObject } from "./managedObject";

/** The custom attribute of the owner markers. */
export const OWNER_FIELD = "vsphere-openstack.owner";

/** The key of {@link OWNER_FIELD} per client, looked up (or defined) at the first use. */
const ownerKeys = new WeakMap<VimClient, Promise<number>>();

class CustomFieldsManager extends ManagedObject {
    static async of(client: VimClient): Promise<CustomFieldsManager> {
        return new CustomFieldsManager(client, (await client.serviceContent()).customFieldsManager);
    }

    /** The key of the global attribute `name`, if it is defined. */
    async keyOf(name: string): Promise<number | undefined> {
        const fields = list((await this.properties(["field"])).field).map((f) => obj(f, "CustomFieldDef"));
        const field = fields.find((f) => f.name === name && f.managedObjectType === undefined);
        return field ? Number(str(field.key, "CustomFieldDef.key")) : undefined;
    }

    /** `AddCustomFieldDef` of a global attribute (every managed entity type); returns its key. */
    async define(name: string): Promise<number> {
        const def = obj(await this.call("AddCustomFieldDef", { name }), "CustomFieldDef");
        return Number(str(def.key, "CustomFieldDef.key"));
    }

    /** `SetField`: sets the attribute `key` of `entity` to `value`. */
    async set(entity: ManagedObjectReference, key: number, value: string): Promise<void> {
        await this.call("SetField", { entity, key, value });
    }
}

/** The key of the owner attribute: looked up, else defined (another client defining it meanwhile is fine). */
async function lookUpOwnerKey(client: VimClient): Promise<number> {
    const manager = await CustomFieldsManager.of(client);
    const key = await manager.keyOf(OWNER_FIELD);
    if (key !== undefined) {
        return key;
    }
    try {
        return await manager.define(OWNER_FIELD);
    } catch (err) {
        const defined = isFault(err, "DuplicateName") ? await manager.keyOf(OWNER_FIELD) : undefined;
        if (defined === undefined) {
            throw err;
        }
        return defined;
    }
}

function ownerKey(client: VimClient): Promise<number> {
    let key = ownerKeys.get(client);
    if (!key) {
        key = lookUpOwnerKey(client);
        key.catch(() => ownerKeys.delete(client));
        ownerKeys.set(client, key);
    }
    return key;
}

/** Marks `entity` as created by `owner`: one `SetField` (and, once per client, the attribute's lookup). */
export async function setOwner(client: VimClient, entity: ManagedObjectReference, owner: string): Promise<void> {
    const key = await ownerKey(client);
    await (await CustomFieldsManager.of(client)).set(entity, key, owner);
}

/** The owner marker of `entity`, undefined when it has none (or an empty value): one property read. */
export async function ownerOf(client: VimClient, entity: ManagedObjectReference): Promise<string | undefined> {
    const [key, props] = await Promise.all([
        ownerKey(client),
        new ManagedObject(client, entity).properties(["customValue"]),
    ]);
    const values = list(props.customValue).map((v) => obj(v, "CustomFieldValue"));
    const value = values.find((v) => Number(str(v.key, "CustomFieldValue.key")) === key)?.value;
    return (value === undefined ? "" : str(value, "CustomFieldStringValue.value")) || undefined;
}
