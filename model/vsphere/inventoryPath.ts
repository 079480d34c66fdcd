/**
 * vSphere inventory paths, e.g. `/dc1/host/cluster 1`, as the vSphere client shows them: normalised, and names
 * escaped as vSphere escapes them in paths.
 */

/** Normalises an inventory path: a leading "/", no trailing or doubled "/". "" and "/" are the root folder. */
export function normalizePath(path: string): string {
    return "/" + path.split("/").filter(Boolean).join("/");
}

/** An object name as an inventory path segment: "%" and "/" escaped as vSphere does (`%25`, `%2f`). */
export function escapeName(name: string): string {
    return name.replace(/%/g, "%25").replace(/\//g, "%2f");
}

/** Joins a parent inventory path and an object name. */
export function joinPath(parent: string, name: string): string {
    const base = normalizePath(parent);
    return `${base === "/" ? "" : base}/${escapeName(name)}`;
}
