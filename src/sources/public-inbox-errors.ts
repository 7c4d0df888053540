// One line naming the commit and what it lacks; the user can fetch or restore just that object.
export function missingBlobError(commit: string, oid: string): string {
  return `commit ${commit}: message blob ${oid} is missing from the repository (partial clone or damaged pack); message not read`;
}
