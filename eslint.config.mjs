// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/", "node_modules/", "examples/*/node_modules/", "lab/vcsim/", "lab/toolchain/"] },
    eslint.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            // Dynamic providers load their implementation with require() at run time, by design (sdk/dynamic.ts).
            "@typescript-eslint/no-require-imports": "off",
            // `const { dropped, ...kept } = value` is how a field is left out of an object.
            "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
        },
    },
    {
        // The library's code: a function that does not fit on a screen does more than one thing.
        files: ["model/**/*.ts", "sdk/**/*.ts", "provider/**/*.ts"],
        rules: {
            "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
        },
    },
);
