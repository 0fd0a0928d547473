// The server answers /dashboard/vendor/echarts.js with the echarts package's own ES module build
// (dist/echarts.esm.min.mjs, see api/http/dashboard.ts); this gives that import the package's types.
export * from 'echarts';
