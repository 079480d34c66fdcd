"""uwsgi entry point for the lab: builds the WSGI app of the service named in $VSO_LAB_SERVICE.

Each service finds its config files through its own environment variables (the same ones the
upstream WSGI scripts read) or, for cinder, its command line; they point into the lab's state directory.
"""
import os
import sys

service = os.environ["VSO_LAB_SERVICE"]
etc = os.environ["VSO_LAB_ETC"]

if service == "keystone":
    os.environ["OS_KEYSTONE_CONFIG_DIR"] = etc
    os.environ["OS_KEYSTONE_CONFIG_FILES"] = "keystone.conf"
    from keystone.server.wsgi import initialize_public_application as factory
elif service == "placement":
    os.environ["OS_PLACEMENT_CONFIG_DIR"] = etc
    from placement.wsgi import init_application as factory
elif service == "nova":
    # nova loads the paste pipeline from the first file of the list.
    os.environ["OS_NOVA_CONFIG_DIR"] = etc
    os.environ["OS_NOVA_CONFIG_FILES"] = "api-paste.ini;nova.conf"
    from nova.api.openstack.compute.wsgi import init_application as factory
elif service == "neutron":
    os.environ["OS_NEUTRON_CONFIG_DIR"] = etc
    os.environ["OS_NEUTRON_CONFIG_FILES"] = "neutron.conf;ml2_conf.ini"
    # API-only server: no RPC workers, no agents.
    from neutron.cmd.eventlet.server import main_api_eventlet as factory
elif service == "cinder":
    # cinder-api parses its command line (uwsgi's is its own): the lab's file only.
    sys.argv = ["cinder-api", "--config-file", os.path.join(etc, "cinder.conf")]
    from cinder.wsgi.wsgi import initialize_application as factory
else:
    raise SystemExit("unknown VSO_LAB_SERVICE %r" % service)

application = factory()
