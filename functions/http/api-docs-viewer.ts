/**
 * The OpenAPI viewer `/docs` serves: Swagger UI's prebuilt browser files, as the swagger-ui-dist
 * package ships them. Plain data, so that the CDK function construct copies exactly these files into
 * the docs function's bundle (esbuild never re-bundles them) and the handler reads them from there.
 */

export const apiDocsViewerPackage = 'swagger-ui-dist';

export const apiDocsViewerFiles = {
  script: { fileName: 'swagger-ui-bundle.js', contentType: 'text/javascript; charset=utf-8' },
  style: { fileName: 'swagger-ui.css', contentType: 'text/css; charset=utf-8' },
} as const;

/** Where a viewer file is found, relative to a `node_modules` folder (in the repository, or in the Lambda bundle). */
export const apiDocsViewerModulePath = (fileName: string) => `${apiDocsViewerPackage}/${fileName}`;
