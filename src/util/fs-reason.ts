// A file-system error's code in words, for messages that name the file: "cannot write 'x': permission denied".

export function fsReason(e: unknown): string {
  switch ((e as { code?: string } | undefined)?.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ENOSPC': return 'no space left on the device';
    case 'EROFS': return 'the file system is read-only';
    default: return (e as Error)?.message ?? String(e);
  }
}
