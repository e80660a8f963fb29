/** Every English local authority with its codes, shipped as data. */
export { findLocalAuthority, loadLocalAuthorityData, syncLocalAuthorities } from './repository.js';
