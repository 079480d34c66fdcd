/**
 * The forwarder to `provider/vsphere/datastoreFolder`. The states of its resources hold the path of this file,
 * so the file stays where it is (see ../dynamic.ts).
 */
import { forwarder } from "../dynamic";

export = forwarder("vsphere/datastoreFolder");
