// ESLint flat config: the recommended JavaScript and typescript-eslint rules, with formatting left
// to prettier (eslint-config-prettier turns off the rules it owns). `npm run lint` allows no warnings.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['**/dist/**', '**/node_modules/**', 'test-output/**', 'src/catalog/validators/**', 'tmp/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {...globals.node, ...globals.mocha}},
    linterOptions: {reportUnusedDisableDirectives: 'error'},
    rules: {
      // `_`-prefixed names are the way to say "deliberately unused" (callbacks, destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'},
      ],
      // Fixable by --fix: type-only imports marked as such. `import('got')` in a type stays allowed:
      // heavy modules are loaded lazily, and their types are named where they are used.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        {fixStyle: 'inline-type-imports', disallowTypeAnnotations: false},
      ],
      'prefer-const': 'error',
    },
  },
  {
    // Chai assertions read as expressions (`expect(x).to.be.true`); tests index into parsed JSON
    // documents whose shape the assertions themselves check.
    files: ['test/**/*.ts'],
    rules: {'@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off'},
  },
  prettier,
)
