/** The owner marker each resource class passes to its provider (see `model/owner.ts`). */
import * as pulumi from "@pulumi/pulumi";
import { OwnedInputs, ownerMarker } from "../model/owner";

/** The `owner` input of resource `name` of type `<module>:<type>` in the running stack. */
export function ownerInput(module: string, type: string, name: string): Required<OwnedInputs> {
    return { owner: ownerMarker(pulumi.getProject(), pulumi.getStack(), `${module}:${type}`, name) };
}
