"""Reads a rendered service configuration file as the service reads it: oslo.config and the service's own options.

Usage: /usr/bin/python3 oslo_read.py KIND FILE, KIND one of nova-compute, cinder, glance, ml2. Run it where only
Debian's python packages are seen (PYTHONPATH and PYTHONHOME unset, PYTHONNOUSERSITE=1), as lab/openstack/lab.sh
runs the services; python3-nova, python3-cinder, python3-glance-store and python3-neutron hold the options.

Prints as JSON {section: {option: value}} every option FILE sets, read through the option the service registers
for it, so typed as the service gets it (a port an int, a multi-valued option a list, `$$` read as `$`). An option
the service does not register, or a value its option's type refuses, ends the script with oslo.config's message
and exit status 1.
"""
import json
import sys

from oslo_config import cfg


def nova_compute(conf):
    """nova-compute of the VMware driver: [DEFAULT] compute_driver and host, and [vmware]."""
    from nova.conf import compute, netconf, vmware

    compute.register_opts(conf)
    netconf.register_opts(conf)
    vmware.register_opts(conf)


def cinder(conf):
    """cinder-volume: [DEFAULT] enabled_backends; in each backend's section the VMDK driver's options.

    A backend's section also takes volume_driver (the volume manager's) and the options every driver has.
    """
    from cinder import objects
    from cinder.common import config

    objects.register_all()  # as cinder-volume does before it loads the volume manager
    from cinder.volume import driver, manager
    from cinder.volume.drivers.vmware import vmdk

    conf.register_opts(config.global_opts)
    for backend in conf.enabled_backends:
        conf.register_opts(manager.volume_backend_opts + driver.volume_opts + vmdk.vmdk_opts, group=backend)


def glance(conf):
    """glance-api's stores: [glance_store] alone, or with [DEFAULT] enabled_backends one section per backend; and
    [DEFAULT] show_image_direct_url."""
    import glance_store
    from glance.common import config

    conf.register_opts([o for o in config.common_opts if o.name == "show_image_direct_url"])
    # enabled_backends as glance declares it (glance/common/config.py store_opts; glance/common/wsgi.py in Zed).
    conf.register_opt(cfg.DictOpt("enabled_backends"))
    if conf.enabled_backends:
        glance_store.multi_backend.register_store_opts(conf)
    else:
        glance_store.backend.register_opts(conf)


def ml2(conf):
    """neutron-server's ML2 plugin: [ml2], [ml2_type_vlan] and [DEFAULT] global_physnet_mtu."""
    from neutron.conf import common
    from neutron.conf.plugins.ml2 import config
    from neutron.conf.plugins.ml2.drivers import driver_type

    conf.register_opts(common.core_opts)
    config.register_ml2_plugin_opts(conf)
    driver_type.register_ml2_drivers_vlan_opts(conf)


KINDS = {"nova-compute": nova_compute, "cinder": cinder, "glance": glance, "ml2": ml2}


def main(kind, path):
    conf = cfg.ConfigOpts()
    # Parsed first: Cinder's backends and Glance's stores are registered from what the file enables.
    conf(args=[], default_config_files=[path])
    KINDS[kind](conf)
    sections = {}
    cfg.ConfigParser(path, sections).parse()
    values = {
        section: {key: (conf if section == "DEFAULT" else conf[section])[key] for key in options}
        for section, options in sections.items()
    }
    print(json.dumps(values, indent=2))


if __name__ == "__main__":
    try:
        main(*sys.argv[1:])
    except cfg.Error as e:
        sys.exit("%s: %s" % (sys.argv[2], e))
