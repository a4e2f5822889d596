// Flat config: typescript-eslint's recommended rules over every TypeScript folder.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-eager/**', 'dist-vsix/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-output/**', '.sandbox-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core layers of DESIGN.md run outside VS Code: keep the vscode API out of them.
    files: ['src/aws/**', 'src/diagnose/**', 'src/planetscale/**', 'src/connection/**', 'src/dotenv/**', 'src/errors/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Core folders must not import vscode (DESIGN.md layers).' }] }],
    },
  },
);
