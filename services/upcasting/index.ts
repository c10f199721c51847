export * from './upcaster';
export * from './evidence-added.v1';
export * from './policy-fields.v1';
export * from './claim-upcasters';
export * from './upcasting-event-store';
