"""What OpenStack's VMware drivers do first, with the real oslo.vmware.

Run by TestOsloVMware (oslo_test.go) with /usr/bin/python3 against a lab
holding datacenter dc1 with one host and datastores nfs1 and nfs2:

    oslo_vmware_check.py HOST PORT CA_FILE USERNAME   (password on stdin)

It logs in as nova-compute, cinder and glance_store do
(oslo_vmware.api.VMwareAPISession over the lab's WSDL), reads the inventory
with vim_util, registers nova's extension as nova's driver does, watches the
root folder with WaitForUpdatesEx, writes and reads a datastore file through
/folder with oslo_vmware.rw_handles, deletes it with a task and logs out.
Each step prints one "ok ..." line; any failure raises (exit status 1).
"""

import sys

from oslo_vmware import api
from oslo_vmware import exceptions as vexc
from oslo_vmware import rw_handles
from oslo_vmware import vim_util

EXTENSION_KEY = 'org.openstack.compute'  # nova.virt.vmwareapi.constants


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def register_openstack_extension(session):
    """nova.virt.vmwareapi.driver.VMwareVCDriver._register_openstack_extension"""
    if session.invoke_api(vim_util, 'find_extension', session.vim,
                          EXTENSION_KEY) is None:
        try:
            session.invoke_api(vim_util, 'register_extension', session.vim,
                               EXTENSION_KEY, 'instance')
        except vexc.VimFaultException as e:
            if 'InvalidArgument' not in e.fault_list:
                raise


def main():
    host, port, cacert, user = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    password = sys.stdin.readline().strip()

    session = api.VMwareAPISession(host, user, password, api_retry_count=2,
                                   task_poll_interval=0.5, port=port,
                                   cacert=cacert, insecure=False)
    vim = session.vim
    content = vim.service_content
    check(vim_util.get_vc_version(session) == '8.0.3', 'about.version')
    print('ok login', content.about.fullName)
    check(session.is_current_session_active(), 'SessionIsActive')
    print('ok SessionIsActive')

    props = session.invoke_api(vim_util, 'get_object_properties_dict', vim,
                               content.rootFolder, ['childEntity', 'name'])
    children = props['childEntity'].ManagedObjectReference
    check([vim_util.get_moref_type(c) for c in children] == ['Datacenter'],
          'root folder children %s' % children)
    dc_ref = children[0]
    print('ok rootFolder childEntity', vim_util.get_moref_value(dc_ref))

    # One object per page: the second datastore comes from
    # ContinueRetrievePropertiesEx.
    names = []
    result = session.invoke_api(vim_util, 'get_objects', vim, 'Datastore', 1,
                                ['name'])
    while result:
        names += [o.propSet[0].val for o in result.objects]
        result = session.invoke_api(vim_util, 'continue_retrieval', vim, result)
    check(sorted(names) == ['nfs1', 'nfs2'], 'datastores %s' % names)
    print('ok get_objects Datastore', ','.join(sorted(names)))

    register_openstack_extension(session)
    register_openstack_extension(session)  # found: not registered twice
    ext = session.invoke_api(vim_util, 'find_extension', vim, EXTENSION_KEY)
    check(ext is not None and ext.key == EXTENSION_KEY, 'extension %s' % ext)
    check(ext.lastHeartbeatTime.utcoffset().total_seconds() == 0,
          'lastHeartbeatTime %s' % ext.lastHeartbeatTime)
    print('ok RegisterExtension', ext.key, ext.lastHeartbeatTime.isoformat())

    now = session.invoke_api(vim, 'CurrentTime', 'ServiceInstance')
    print('ok CurrentTime', now.isoformat())

    factory = vim.client.factory
    pc = content.propertyCollector
    spec = vim_util.build_property_filter_spec(
        factory, [vim_util.build_property_spec(factory, 'Folder', ['name'])],
        [vim_util.build_object_spec(factory, content.rootFolder, [])])
    pfilter = session.invoke_api(vim, 'CreateFilter', pc, spec=spec,
                                 partialUpdates=False)
    options = factory.create('ns0:WaitOptions')
    options.maxWaitSeconds = 0
    update = session.invoke_api(vim, 'WaitForUpdatesEx', pc, version='',
                                options=options)
    change = update.filterSet[0].objectSet[0].changeSet[0]
    check(change.name == 'name' and change.val == 'Datacenters',
          'change %s' % change)
    session.invoke_api(vim, 'DestroyPropertyFilter', pfilter)
    print('ok WaitForUpdatesEx', update.version)

    data = b'glance image bytes\n' * 64
    path = 'images/check.img'
    cookies = vim.client.cookiejar
    writer = rw_handles.FileWriteHandle(host, port, 'dc1', 'nfs1', cookies,
                                        path, len(data), cacerts=cacert)
    writer.write(data)
    writer.close()
    reader = rw_handles.FileReadHandle(host, port, 'dc1', 'nfs1', cookies,
                                       path, cacerts=cacert)
    check(reader.read(len(data) + 1) == data, 'read back')
    reader.close()
    print('ok /folder write and read', len(data))
    anonymous = rw_handles.FileReadHandle(host, port, 'dc1', 'nfs1', None,
                                          path, cacerts=cacert)
    check(anonymous._file_handle.status == 401,
          'without the cookie: %s' % anonymous._file_handle.status)
    anonymous.close()
    print('ok /folder without the cookie 401')

    task = session.invoke_api(vim, 'DeleteDatastoreFile_Task',
                              content.fileManager, name='[nfs1] ' + path,
                              datacenter=dc_ref)
    info = session.wait_for_task(task)
    check(info.state == 'success', 'task %s' % info.state)
    gone = rw_handles.FileReadHandle(host, port, 'dc1', 'nfs1', cookies,
                                     path, cacerts=cacert)
    check(gone._file_handle.status == 404, 'deleted: %s' % gone._file_handle.status)
    gone.close()
    print('ok DeleteDatastoreFile_Task', info.key)

    session.logout()
    print('ok Logout')


if __name__ == '__main__':
    main()
