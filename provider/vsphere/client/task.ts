/** Tasks: a `*_Task` method returns a Task whose `info.state` ends in `success` or `error`. */
import { VimClient } from "./client";
import { faultFromMethodFault } from "./faults";
import { waitForProperties } from "./propertyCollector";
import { moref, obj, SoapObject, VimValue } from "./xml";

/**
 * Calls a `*_Task` method and waits for the task to end. Returns the task's result; a failed task throws its
 * fault as a {@link VimFault} named after `method`.
 */
export async function runTask(client: VimClient, method: string, args: SoapObject): Promise<VimValue | undefined> {
    const task = moref(await client.invoke(method, args), `${method} task`);
    const info = await waitForProperties(
        client,
        task,
        ["info.state", "info.result", "info.error"],
        (props) => props["info.state"] === "success" || props["info.state"] === "error",
    );
    if (info["info.state"] === "error") {
        throw faultFromMethodFault(method, obj(info["info.error"], "task error"));
    }
    return info["info.result"];
}
