"""Helper for lab.sh (run with /usr/bin/python3): config rendering, DB setup, client files, health, daemons.

Settings come from the environment that lab.sh exports: VSO_LAB_STATE, VSO_LAB_HERE, VSO_LAB_PASTE (the
directory of the extracted Debian packages), VSO_<SERVICE>_PORT for each of PORTS, and <USER>_PASSWORD for each
of USERS and RABBIT.
"""
import glob
import json
import os
import re
import socket
import sqlite3
import sys
import time
import urllib.error
import urllib.request

E = os.environ
STATE = E.get("VSO_LAB_STATE", "")
REGION = "RegionOne"
# The HTTP APIs (each registered in Keystone but keystone itself) and the message bus.
APIS = ("keystone", "placement", "nova", "neutron", "cinder", "glance")
PORTS = ("rabbitmq",) + APIS
# The users Keystone holds: admin, demo, and one per service in the project "service".
SERVICE_USERS = ("nova", "neutron", "placement", "cinder", "glance")
USERS = ("admin", "demo") + SERVICE_USERS
# type, name, URL path of each service in the catalog.
CATALOG = (("compute", "nova", "/v2.1"), ("network", "neutron", ""), ("placement", "placement", ""),
           ("volumev3", "cinder", "/v3/%(project_id)s"), ("image", "glance", ""))
# Per service: the files rendered from conf/, and the api-paste.ini it takes from its Debian package.
FILES = {"keystone": ["keystone.conf"], "placement": ["placement.conf"], "nova": ["nova.conf"],
         "neutron": ["neutron.conf", "ml2_conf.ini"], "cinder": ["cinder.conf"], "glance": ["glance-api.conf"],
         "rabbitmq": ["rabbitmq.conf"]}
PASTE = {"nova": "nova-common/usr/share/nova-common/api-paste.ini",
         "neutron": "neutron-common/usr/share/neutron-common/api-paste.ini",
         "cinder": "cinder-common/usr/share/cinder-common/api-paste.ini",
         "glance": "glance-common/usr/share/glance-common/glance-api-paste.ini"}
# Served by uwsgi (glance-api runs as its own process, to take a caller's store file as --config-file).
UWSGI = ("keystone", "placement", "nova", "neutron", "cinder")


def port(service):
    return int(E["VSO_%s_PORT" % service.upper()])


def auth_url():
    return "http://127.0.0.1:%d/v3" % port("keystone")


def url(service, path=""):
    return "http://127.0.0.1:%d%s" % (port(service), path)


def write(path, text, mode=0o600):
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def credentials():
    return {
        who: {"userName": who, "password": E["%s_PASSWORD" % who.upper()], "projectName": who,
              "userDomainName": "Default", "projectDomainName": "Default"}
        for who in USERS
    }


def service_auth(who):
    """The options of a keystoneauth password plugin for the service user `who` ([keystone_authtoken] etc.)."""
    return "\n".join("%s = %s" % kv for kv in [
        ("auth_url", url("keystone", "/")), ("auth_type", "password"), ("username", who),
        ("password", E["%s_PASSWORD" % who.upper()]), ("project_name", "service"),
        ("user_domain_name", "Default"), ("project_domain_name", "Default"), ("region_name", REGION)])


# ------------------------------------------------------------------ render
def without_sections(ini, names):
    """The INI text without the sections in `names`."""
    kept, keep = [], True
    for line in ini.splitlines(keepends=True):
        m = re.match(r"\[([^]]+)\]\s*$", line)
        if m:
            keep = m.group(1) not in names
        if keep:
            kept.append(line)
    return "".join(kept)


def render():
    """Write service configs, uwsgi inis and the client files (clouds.yaml, openrc-*, endpoints.json)."""
    here = E["VSO_LAB_HERE"]
    values = {"STATE": STATE, "HERE": here, "RABBIT_PASSWORD": E["RABBIT_PASSWORD"]}
    values.update({"%s_PORT" % s.upper(): str(port(s)) for s in PORTS})
    values.update({"AUTH_%s" % who.upper(): service_auth(who) for who in SERVICE_USERS})
    values.update({"%s_PASSWORD" % who.upper(): E["%s_PASSWORD" % who.upper()] for who in USERS})

    def template(name, **extra):
        with open(os.path.join(here, "conf", name)) as f:
            text = f.read()
        v = dict(values, **extra)
        return re.sub(r"@([A-Z_]+)@", lambda m: v[m.group(1)], text)

    for svc, names in FILES.items():
        etc = os.path.join(STATE, "etc", svc)
        os.makedirs(etc, mode=0o700, exist_ok=True)
        os.makedirs(os.path.join(STATE, "run", svc), mode=0o700, exist_ok=True)
        for name in names:
            write(os.path.join(etc, name), template(name))
        if svc == "nova":
            # nova-compute reaches the database through the conductor only: its base file has no database.
            write(os.path.join(etc, "nova-compute.conf"), without_sections(template("nova.conf"),
                                                                      {"api_database", "database"}))
        if svc in UWSGI:
            write(os.path.join(etc, "uwsgi.ini"), template("uwsgi.ini", SERVICE=svc, PORT=str(port(svc))))
        if svc in PASTE:
            with open(os.path.join(E["VSO_LAB_PASTE"], PASTE[svc])) as f:
                write(os.path.join(etc, os.path.basename(PASTE[svc])), f.read())

    creds = credentials()
    clouds = ["clouds:"]
    for who in ("admin", "demo"):
        c = creds[who]
        clouds += ["  vso-%s:" % who, "    auth:",
                   "      auth_url: %s" % json.dumps(auth_url()),
                   "      username: %s" % json.dumps(c["userName"]),
                   "      password: %s" % json.dumps(c["password"]),
                   "      project_name: %s" % json.dumps(c["projectName"]),
                   "      user_domain_name: Default", "      project_domain_name: Default",
                   "    region_name: %s" % REGION, "    interface: public", "    identity_api_version: 3"]
        write(os.path.join(STATE, "openrc-" + who), "".join(
            "export %s=%s\n" % kv for kv in [
                ("OS_AUTH_URL", auth_url()), ("OS_USERNAME", c["userName"]), ("OS_PASSWORD", c["password"]),
                ("OS_PROJECT_NAME", c["projectName"]), ("OS_USER_DOMAIN_NAME", "Default"),
                ("OS_PROJECT_DOMAIN_NAME", "Default"), ("OS_REGION_NAME", REGION),
                ("OS_INTERFACE", "public"), ("OS_IDENTITY_API_VERSION", "3")]))
    clouds_yaml = os.path.join(STATE, "clouds.yaml")
    write(clouds_yaml, "\n".join(clouds) + "\n")
    endpoints = {"authUrl": auth_url(), "region": REGION, "ports": {s: port(s) for s in PORTS},
                 "admin": creds["admin"], "demo": creds["demo"], "cloudsYaml": clouds_yaml}
    write(os.path.join(STATE, "endpoints.json"), json.dumps(endpoints, indent=2) + "\n")


# ------------------------------------------------------------------ databases
def wal(*paths):
    """Switch SQLite files to WAL (persistent in the file) and fold the log back into the DB."""
    for p in paths:
        db = sqlite3.connect(p)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()


def neutron_db(conf, ml2):
    """Neutron's migrations do not run on SQLite: create the schema from the models, then stamp it."""
    import sqlalchemy
    from neutron.db.migration.models import head
    url = "sqlite:///%s/db/neutron.sqlite" % STATE
    engine = sqlalchemy.create_engine(url)
    head.get_metadata().create_all(engine)
    engine.dispose()
    from neutron.db.migration import cli
    sys.argv = ["neutron-db-manage", "--config-file", conf, "--config-file", ml2, "stamp", "heads"]
    cli.main()


def cell_transport_template():
    """Makes cell1's transport URL a template nova fills from nova.conf's, so a snapshot fits any password."""
    db = sqlite3.connect(os.path.join(STATE, "db", "nova_api.sqlite"))
    db.execute("UPDATE cell_mappings SET transport_url = ? WHERE name = 'cell1'",
               ("{scheme}://{username}:{password}@{hostname}:{port}/{path}",))
    db.commit()
    db.close()


def _keystone(conf):
    import keystone.conf
    from keystone.common import sql
    keystone.conf.configure()
    sql.initialize()
    keystone.conf.CONF(args=[], project="keystone", default_config_files=[conf])
    return keystone.conf.CONF


def keystone_init(conf):
    """After `keystone-manage bootstrap`: demo project/user, the service users and the services' endpoints."""
    import uuid
    _keystone(conf)
    from keystone.common import driver_hints, provider_api
    from keystone.server import backends
    backends.load_backends()
    api = provider_api.ProviderAPIs

    def project(name, description):
        pid = uuid.uuid4().hex
        api.resource_api.create_project(pid, {"id": pid, "name": name, "domain_id": "default",
                                              "enabled": True, "description": description})
        return pid

    def user(name, pid, roles):
        u = api.identity_api.create_user({"name": name, "domain_id": "default", "enabled": True,
                                          "password": E["%s_PASSWORD" % name.upper()], "default_project_id": pid})
        for role in roles:
            hints = driver_hints.Hints()
            hints.add_filter("name", role)
            for r in api.role_api.list_roles(hints):
                api.assignment_api.add_role_to_user_and_project(u["id"], pid, r["id"])

    user("demo", project("demo", "Non-admin lab project"), ("member", "reader"))
    service_project = project("service", "The services' users")
    for name in SERVICE_USERS:
        user(name, service_project, ("admin",))

    for stype, name, path in CATALOG:
        sid = uuid.uuid4().hex
        api.catalog_api.create_service(sid, {"id": sid, "type": stype, "name": name, "enabled": True})
        for iface in ("public", "internal", "admin"):
            eid = uuid.uuid4().hex
            api.catalog_api.create_endpoint(eid, {"id": eid, "service_id": sid, "interface": iface,
                                                  "url": url(name, path), "region_id": REGION, "enabled": True})


def restore_fixup(keystone_conf, old_state):
    """After copying a snapshot into this state dir: set this dir's passwords and ports, fix absolute DB paths."""
    _keystone(keystone_conf)
    from keystone.common import password_hashing
    db = sqlite3.connect(os.path.join(STATE, "db", "keystone.sqlite"))
    for who in USERS:
        hashed = password_hashing.hash_password(E["%s_PASSWORD" % who.upper()])
        n = db.execute("UPDATE password SET password_hash = ? WHERE local_user_id IN "
                       "(SELECT id FROM local_user WHERE name = ? AND domain_id = 'default')",
                       (hashed, who)).rowcount
        if n < 1:
            raise SystemExit("restore: no password row for user %s" % who)
    # The catalog holds this state dir's ports.
    for stype, name, path in (("identity", "keystone", "/v3"),) + CATALOG:
        db.execute("UPDATE endpoint SET url = ? WHERE service_id IN (SELECT id FROM service WHERE type = ?)",
                   (url(name, path), stype))
    db.commit()
    db.close()
    # nova_api.cell_mappings holds the absolute paths of the cell databases.
    db = sqlite3.connect(os.path.join(STATE, "db", "nova_api.sqlite"))
    db.execute("UPDATE cell_mappings SET database_connection = replace(database_connection, ?, ?)",
               (old_state + "/db/", STATE + "/db/"))
    db.commit()
    db.close()


# ------------------------------------------------------------------ health
def _request(method, url, body=None, token=None, timeout=10):
    """(status, headers, JSON body or None); an HTTP error status raises urllib.error.HTTPError (an OSError)."""
    req = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("X-Auth-Token", token)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        data = r.read()
        return r.status, r.headers, json.loads(data) if data else None


def token(who="admin"):
    """A project-scoped token of `who` and the project's id."""
    c = credentials()[who]
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": c["userName"], "domain": {"name": "Default"}, "password": c["password"]}}},
        "scope": {"project": {"name": c["projectName"], "domain": {"name": "Default"}}}}}
    _, headers, answer = _request("POST", auth_url() + "/auth/tokens", body)
    return headers["X-Subject-Token"], answer["token"]["project"]["id"]


def _exited(service):
    """True if the service's process wrote its pid file and has exited since (no point waiting)."""
    try:
        with open(os.path.join(STATE, "run", service + ".pid")) as f:
            pid = f.read().strip()
        with open("/proc/%s/stat" % pid) as f:
            return f.read().split()[2] == "Z"
    except FileNotFoundError as e:
        return e.filename.startswith("/proc/")
    except (OSError, ValueError, IndexError):
        return False


def _listening(service):
    socket.create_connection(("127.0.0.1", port(service)), timeout=3).close()


def _up(service, path, key, binary, tok):
    """Raises unless the service list at `path` shows `binary` up (it reports to the DB every 10 s)."""
    listed = _request("GET", url(service, path), token=tok)[2][key]
    if not any(s["binary"] == binary and s["state"] == "up" for s in listed):
        raise OSError("%s is not up yet" % binary)


def wait(timeout):
    """Until each service answers an authenticated request and the RPC services report up.

    Exits 1 with the last error on timeout, or at once when a process of the lab has exited.
    """
    deadline = time.monotonic() + float(timeout)
    auth = {}
    checks = [
        ("rabbitmq", lambda: _listening("rabbitmq")),
        ("keystone", lambda: auth.update(zip(("token", "project"), token()))),
        ("nova", lambda: _request("GET", url("nova", "/v2.1/flavors"), token=auth["token"])),
        ("neutron", lambda: _request("GET", url("neutron", "/v2.0/networks"), token=auth["token"])),
        ("placement", lambda: _request("GET", url("placement", "/resource_providers"), token=auth["token"])),
        ("glance", lambda: _request("GET", url("glance", "/v2/images"), token=auth["token"])),
        # The further glance-api processes (lab.sh image start with several files) that run.
        *((name, lambda name=name: _request("GET", url(name, "/v2/images"), token=auth["token"]))
          for name in sorted(os.path.basename(f)[:-4]
                             for f in glob.glob(os.path.join(STATE, "run", "glance[2-9].pid")))),
        ("nova-conductor", lambda: _up("nova", "/v2.1/os-services", "services", "nova-conductor", auth["token"])),
        ("nova-scheduler", lambda: _up("nova", "/v2.1/os-services", "services", "nova-scheduler", auth["token"])),
        ("cinder-scheduler", lambda: _up("cinder", "/v3/%s/os-services" % auth["project"], "services",
                                         "cinder-scheduler", auth["token"])),
    ]
    for name, check in checks:
        while True:
            try:
                check()
                break
            except OSError as e:  # refused/reset while starting, an HTTP error, or not up yet
                if _exited(name):
                    raise SystemExit("%s exited: see %s/log/%s*.log" % (name, STATE, name))
                if time.monotonic() > deadline:
                    raise SystemExit("%s not ready: %s" % (name, e))
                time.sleep(0.1)


def probe():
    """For `status`: one line per port, 'up' if it accepts connections (and for an API, GET / answers)."""
    ok = True
    for svc in PORTS:
        try:
            if svc in APIS:
                urllib.request.urlopen(url(svc, "/"), timeout=3).read()
            else:
                _listening(svc)
            state = "up"
        except urllib.error.HTTPError:  # keystone answers 300 to GET /, cinder 300, glance 300
            state = "up"
        except OSError:
            state, ok = "down", False
        print(svc, state)
    sys.exit(0 if ok else 3)


# ------------------------------------------------------------------ processes
def resolve_lab_hosts():
    """Makes the names of the simulated ESXi hosts resolve in this process, as DNS resolves a real host's.

    A lab simulator writes `<its address> <host name>` to `<lab dir>/<simulator>/hosts` when it issues a ticket
    for a transfer through one of its hosts (nova-compute uploads images that way); the names nowhere else.
    The C function under socket.getaddrinfo is wrapped: eventlet replaces socket.getaddrinfo itself when the
    service patches the socket module.
    """
    import _socket
    lookup = _socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        for path in glob.glob(os.path.join(os.path.dirname(STATE), "*", "hosts")) if name else ():
            with open(path) as f:
                for line in f:
                    address, _, listed = line.strip().partition(" ")
                    if listed.lower() == name.lower():
                        return lookup(address, *args, **kwargs)
        return lookup(host, *args, **kwargs)

    _socket.getaddrinfo = getaddrinfo


def daemon(pidfile, logfile, *argv):
    """Runs argv detached (its own session, stdin /dev/null, output appended to logfile); its pid goes to pidfile."""
    pid = os.fork()
    if pid:
        write(pidfile, "%d\n" % pid)
        return
    os.setsid()
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(logfile, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    cmd, args = sys.argv[1].replace("-", "_"), sys.argv[2:]
    globals()[cmd](*args)
