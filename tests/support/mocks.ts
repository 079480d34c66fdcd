import * as pulumi from "@pulumi/pulumi";

/** The key Pulumi marks secret values with, in its state and in what mocks receive. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/**
 * Runs the Pulumi runtime under mocks for `project` and returns the list every registered resource is appended
 * to, with the inputs it was registered with.
 */
export async function recordRegistrations(project: string): Promise<Registered[]> {
    const registered: Registered[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: () => ({}),
        },
        project,
        "stack",
    );
    return registered;
}

/** Lets pending registrations reach the mocks. */
export function registrationsSettled(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 100));
}
