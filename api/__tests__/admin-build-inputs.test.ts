import { adminBuildInputs } from '../admin-ui';

describe('the admin build stamp', () => {
  it('covers every project file the admin config and pages import, followed through their imports', () => {
    const inputs = adminBuildInputs();
    // Imported by admin/keystone.ts directly, and through the translated admin meta.
    expect(inputs).toEqual(expect.arrayContaining(['admin/keystone.ts', 'api/http/security-headers.ts', 'api/i18n/zh-CN.ts', 'schema/catalog/catalog.validation.ts', 'package-lock.json']));
    expect(inputs.every((file) => !file.includes('node_modules'))).toBe(true);
  });
});
