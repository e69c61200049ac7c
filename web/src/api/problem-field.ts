/**
 * Whether a problem+json error's `field` names the form field `name`. The server names fields by where they were
 * sent (`body.reason`, `querystring.page`, `params.id`); older answers used JSON pointers (`/reason`). A nested
 * name (`body.lines.0.reason`) belongs to that line, not to a top-level `reason` field.
 */
export function namesField(errorField: string, name: string): boolean {
  return (
    errorField === name ||
    errorField === `body.${name}` ||
    errorField === `querystring.${name}` ||
    errorField === `params.${name}` ||
    errorField.endsWith(`/${name}`)
  );
}
