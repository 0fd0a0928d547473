/**
 * Files the admin build writes over Keystone's generated ones, so the admin works offline and renders Chinese.
 *
 * Keystone's admin links Inter from Google Fonts in its provider (a hard-coded `<link>`), which fails without
 * internet and makes a request to Google on every page. Here the Next.js build rewrites that one URL to an empty
 * stylesheet (a Turbopack loader, applied only to node_modules files that contain it), and `admin/config.tsx`
 * imports Inter and Noto Sans SC from npm packages, so Next serves them from the admin itself. Keystar's font stack
 * reads `var(--font-inter, Inter)`: `_document` points that variable at both families, so Chinese names render
 * in Noto Sans SC on a machine without CJK system fonts.
 */
import type { AdminFileToWrite } from '@keystone-6/core/types';

/** The font stack that replaces Keystar's `var(--font-inter, Inter)`. */
export const ADMIN_FONTS = '"Inter Variable", "Noto Sans SC Variable"';

/**
 * Keystone's own next.config.js (keystone-6/core 8.1) plus the loader rule; no basePath is used here. Without source
 * maps and server minification (a local tool needs neither) the first build does about 10 % less work.
 */
const nextConfig = `const path = require('node:path');

module.exports = {
  bundlePagesRouterDependencies: true,
  typescript: { ignoreBuildErrors: true },
  transpilePackages: ['../../admin'],
  experimental: { turbopackSourceMaps: false, turbopackInputSourceMaps: false, turbopackMinify: { server: false } },
  turbopack: {
    rules: {
      '*.js': [
        {
          condition: { all: ['foreign', { content: /fonts\\.googleapis\\.com/ }] },
          loaders: [path.join(__dirname, 'no-google-fonts-loader.js')],
        },
      ],
    },
  },
};
`;

const loader = `// Replaces a stylesheet link to Google Fonts with an empty inline stylesheet: no request leaves the machine.
module.exports = function noGoogleFonts(source) {
  return source.replace(/https:\\/\\/fonts\\.googleapis\\.com\\/css2\\?[^"'\`]*/g, 'data:text/css,');
};
`;

const document = `import { Html, Head, Main, NextScript } from 'next/document';

export default function Document() {
  return (
    <Html data-scroll-behavior="smooth" style={{ '--font-inter': ${JSON.stringify(ADMIN_FONTS)} }}>
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
`;

/** For `ui.getAdditionalFiles` in admin/keystone.ts: Keystone writes these instead of its own files of the same path. */
export function adminBuildFiles(): AdminFileToWrite[] {
  return [
    { mode: 'write', outputPath: 'next.config.js', src: nextConfig },
    { mode: 'write', outputPath: 'no-google-fonts-loader.js', src: loader },
    { mode: 'write', outputPath: 'pages/_document.js', src: document },
  ];
}

/** Where the generated `pages/signin.js` (in admin/.keystone/admin/pages) finds the translated sign-in page. */
const TRANSLATED_SIGNIN = '../../../admin/signin';

/**
 * @keystone-6/auth adds its own `pages/signin.js`, whose words are English only; this points it at
 * admin/admin/signin.tsx, the same page in the browser's language, keeping the props the auth package passes.
 */
export function withTranslatedSignin(files: readonly AdminFileToWrite[]): AdminFileToWrite[] {
  return files.map((file) => {
    if (file.outputPath !== 'pages/signin.js' || file.mode !== 'write') return file;
    const src = file.src.replace(`'@keystone-6/auth/pages/SigninPage'`, `'${TRANSLATED_SIGNIN}'`);
    if (src === file.src) throw new Error('@keystone-6/auth no longer imports its sign-in page as admin/build-files.ts expects');
    return { ...file, src };
  });
}
