/** `/users/{userId}` with `{userId: 'a b'}` → `/users/a%20b`, as the generated client sends it. */
export const renderPath = (template: string, params: Readonly<Record<string, string>>): string =>
  template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} of ${template} is missing`);
    return encodeURIComponent(value);
  });
