import { wireModules } from '../../src/app/wiring.js';

// Tests run module code (imports, services) as the service wires it: events and registries in place.
wireModules();
