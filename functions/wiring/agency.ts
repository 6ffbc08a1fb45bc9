import { loadAgencyConfig } from '../domain/agency-config';

/** The agency's rules and addresses, validated once per container. */
export const agency = loadAgencyConfig(process.env);
