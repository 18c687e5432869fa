// ESLint flat config: typescript-eslint's type-checked rules on src/ and test/, plus the rule
// that keeps src/model/ free of `vscode` (it is unit-tested in plain Node).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    {
        ignores: ['node_modules/', 'out/', 'out-test/', 'server/', 'src/protocol.generated.ts', '*.vsix'],
    },
    js.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
        files: ['**/*.ts'],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        rules: {
            '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/explicit-module-boundary-types': 'off',
            'eqeqeq': ['error', 'always', { null: 'ignore' }],
            'no-console': 'error',
        },
    },
    {
        files: ['src/model/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    paths: [{ name: 'vscode', message: 'src/model/ is plain logic, unit-tested without VS Code: keep vscode out.' }],
                    patterns: [{ group: ['../*', '!../protocol.generated'], message: 'src/model/ only imports itself and the generated protocol module.' }],
                },
            ],
        },
    },
    {
        files: ['test/**/*.ts'],
        rules: {
            // node:test's describe/it return promises the runner awaits.
            '@typescript-eslint/no-floating-promises': 'off',
            'no-console': 'off',
        },
    },
    {
        files: ['**/*.mjs'],
        ...tseslint.configs.disableTypeChecked,
        languageOptions: {
            globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
        },
    },
);
