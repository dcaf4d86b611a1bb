/** Express 4, installed beside Express 5 under an alias (`express4`) so both are tested: the same API for what the tests use. */
declare module 'express4' {
  import express from 'express';
  export default express;
}
