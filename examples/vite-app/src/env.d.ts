/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Your AnomalyArmor API URL. Unset: the in-browser sandbox answers instead. */
  readonly VITE_ARMOR_API_URL?: string;
  /** An endpoint of your backend answering a short-lived API token (text). Needed with VITE_ARMOR_API_URL. */
  readonly VITE_ARMOR_TOKEN_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
