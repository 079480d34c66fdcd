export { Flavor, FlavorArgs, FlavorState } from "./flavor";
