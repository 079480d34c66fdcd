/**
 * The forwarder to `provider/vsphere/vmfsDatastore`. The states of its resources hold the path of this file,
 * so the file stays where it is (see ../dynamic.ts).
 */
import { forwarder } from "../dynamic";

export = forwarder("vsphere/vmfsDatastore");
