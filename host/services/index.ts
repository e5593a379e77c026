export { createHostServices, HISTORY_KEEP, RECENT_KEEP, type HostServicesOptions } from './create-host-services';
export { defaultDataDir, dataLayout, type DataLayout } from './data-dir';
export { HostException, toHostError, HOST_ERROR_CODES, type HostErrorCode } from './host-error';
export { readProjectFile, parseProjectText, checkProject, serializeProject, PROJECT_MIGRATIONS } from './project-file';
export { writeFileAtomic, nodeFileIo, type FileIo } from './atomic-write';
export { resolveProjectPath } from './project-paths';
