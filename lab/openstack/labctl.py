"""Helper for lab.sh (run with /usr/bin/python3): config rendering, DB setup, client files, health.

Settings come from the environment that lab.sh exports: VSO_LAB_STATE, VSO_LAB_HERE,
VSO_LAB_PASTE_{NOVA,NEUTRON}, VSO_{KEYSTONE,NOVA,NEUTRON}_PORT, ADMIN_PASSWORD, DEMO_PASSWORD.
"""
import json
import os
import re
import sqlite3
import sys
import time
import urllib.error
import urllib.request

E = os.environ
STATE = E.get("VSO_LAB_STATE", "")
REGION = "RegionOne"
SERVICES = ("keystone", "nova", "neutron")


def port(service):
    return int(E["VSO_%s_PORT" % service.upper()])


def auth_url():
    return "http://127.0.0.1:%d/v3" % port("keystone")


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
        for who in ("admin", "demo")
    }


# ------------------------------------------------------------------ render
def render():
    """Write service configs, uwsgi inis and the client files (clouds.yaml, openrc-*, endpoints.json)."""
    here = E["VSO_LAB_HERE"]
    values = {"STATE": STATE, "HERE": here, "ADMIN_PASSWORD": E["ADMIN_PASSWORD"],
              "KEYSTONE_PORT": str(port("keystone"))}

    def template(name, **extra):
        with open(os.path.join(here, "conf", name)) as f:
            text = f.read()
        v = dict(values, **extra)
        return re.sub(r"@([A-Z_]+)@", lambda m: v[m.group(1)], text)

    files = {"keystone": ["keystone.conf"], "nova": ["nova.conf"], "neutron": ["neutron.conf", "ml2_conf.ini"]}
    for svc in SERVICES:
        etc = os.path.join(STATE, "etc", svc)
        os.makedirs(etc, mode=0o700, exist_ok=True)
        os.makedirs(os.path.join(STATE, "run", svc), mode=0o700, exist_ok=True)
        for name in files[svc]:
            write(os.path.join(etc, name), template(name))
        write(os.path.join(etc, "uwsgi.ini"), template("uwsgi.ini", SERVICE=svc, PORT=str(port(svc))))
        if svc != "keystone":
            with open(E["VSO_LAB_PASTE_" + svc.upper()]) as f:
                write(os.path.join(etc, "api-paste.ini"), f.read())

    creds = credentials()
    clouds = ["clouds:"]
    for who, c in creds.items():
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
    endpoints = {"authUrl": auth_url(), "region": REGION, "ports": {s: port(s) for s in SERVICES},
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


def _keystone(conf):
    import keystone.conf
    from keystone.common import sql
    keystone.conf.configure()
    sql.initialize()
    keystone.conf.CONF(args=[], project="keystone", default_config_files=[conf])
    return keystone.conf.CONF


def keystone_init(conf):
    """After `keystone-manage bootstrap`: demo project/user and the compute and network endpoints."""
    import uuid
    _keystone(conf)
    from keystone.common import driver_hints, provider_api
    from keystone.server import backends
    backends.load_backends()
    api = provider_api.ProviderAPIs

    pid = uuid.uuid4().hex
    api.resource_api.create_project(pid, {"id": pid, "name": "demo", "domain_id": "default",
                                          "enabled": True, "description": "Non-admin lab project"})
    user = api.identity_api.create_user({"name": "demo", "domain_id": "default", "enabled": True,
                                         "password": E["DEMO_PASSWORD"], "default_project_id": pid})
    for role in ("member", "reader"):
        hints = driver_hints.Hints()
        hints.add_filter("name", role)
        for r in api.role_api.list_roles(hints):
            api.assignment_api.add_role_to_user_and_project(user["id"], pid, r["id"])

    for stype, name, url in (("compute", "nova", "http://127.0.0.1:%d/v2.1" % port("nova")),
                             ("network", "neutron", "http://127.0.0.1:%d" % port("neutron"))):
        sid = uuid.uuid4().hex
        api.catalog_api.create_service(sid, {"id": sid, "type": stype, "name": name, "enabled": True})
        for iface in ("public", "internal", "admin"):
            eid = uuid.uuid4().hex
            api.catalog_api.create_endpoint(eid, {"id": eid, "service_id": sid, "interface": iface,
                                                  "url": url, "region_id": REGION, "enabled": True})


def restore_fixup(keystone_conf, old_state):
    """After copying a snapshot into this state dir: set this dir's passwords, fix absolute DB paths."""
    _keystone(keystone_conf)
    from keystone.common import password_hashing
    db = sqlite3.connect(os.path.join(STATE, "db", "keystone.sqlite"))
    for who in ("admin", "demo"):
        hashed = password_hashing.hash_password(E["%s_PASSWORD" % who.upper()])
        n = db.execute("UPDATE password SET password_hash = ? WHERE local_user_id IN "
                       "(SELECT id FROM local_user WHERE name = ? AND domain_id = 'default')",
                       (hashed, who)).rowcount
        if n < 1:
            raise SystemExit("restore: no password row for user %s" % who)
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
    req = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("X-Auth-Token", token)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        r.read()
        return r.status, r.headers


def token(who="admin"):
    c = credentials()[who]
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": c["userName"], "domain": {"name": "Default"}, "password": c["password"]}}},
        "scope": {"project": {"name": c["projectName"], "domain": {"name": "Default"}}}}}
    return _request("POST", auth_url() + "/auth/tokens", body)[1]["X-Subject-Token"]


def _exited(service):
    """True if the service's uwsgi wrote its pid file and has exited since (no point waiting)."""
    try:
        with open(os.path.join(STATE, "run", service + ".pid")) as f:
            pid = f.read().strip()
        with open("/proc/%s/stat" % pid) as f:
            return f.read().split()[2] == "Z"
    except FileNotFoundError as e:
        return e.filename.startswith("/proc/")
    except (OSError, ValueError, IndexError):
        return False


def wait(timeout):
    """Until each service answers an authenticated request (exit 1 with the last error on timeout)."""
    deadline = time.monotonic() + float(timeout)
    checks = [("keystone", None),
              ("nova", "http://127.0.0.1:%d/v2.1/flavors" % port("nova")),
              ("neutron", "http://127.0.0.1:%d/v2.0/networks" % port("neutron"))]
    tok = None
    for name, url in checks:
        while True:
            try:
                if url is None:
                    tok = token()
                else:
                    _request("GET", url, token=tok)
                break
            except OSError as e:  # refused/reset while starting, or an HTTP error
                if _exited(name):
                    raise SystemExit("%s exited: see %s/log/%s*.log" % (name, STATE, name))
                if time.monotonic() > deadline:
                    raise SystemExit("%s not ready: %s" % (name, e))
                time.sleep(0.1)


def probe():
    """For `status`: one line per service, 'up' if GET / answers."""
    ok = True
    for svc in SERVICES:
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/" % port(svc), timeout=3).read()
            state = "up"
        except urllib.error.HTTPError:  # keystone answers 300 to GET /
            state = "up"
        except OSError:
            state, ok = "down", False
        print(svc, state)
    sys.exit(0 if ok else 3)


if __name__ == "__main__":
    cmd, args = sys.argv[1].replace("-", "_"), sys.argv[2:]
    globals()[cmd](*args)
