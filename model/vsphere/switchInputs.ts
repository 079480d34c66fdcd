/** Input checks that the distributed switch and port group share. */
import { InputChecker, isKnown } from "../check";

/**
 * A description: any text but an empty one, which the vSphere API reads as "leave the description unchanged" —
 * accepting it would declare a change that never happens.
 */
export function checkDescription(c: InputChecker, description: unknown): void {
    if (isKnown(description) && description === "") {
        c.fail(
            "description",
            "description cannot be empty: the vSphere API reads an empty description as unchanged; omit it to leave vCenter's as it is",
        );
    }
    c.string("description", description, 65535);
}
