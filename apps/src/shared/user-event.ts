/**
 * The "user registered" event: the contract between the producer, which makes and sends it as
 * JSON keyed by userId, and the consumer, which parses it back and checks every field.
 */

export interface UserAddress {
  street: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface UserRegisteredEvent {
  /** Per-producer sequence number starting at 1, so consumers can check order and gaps. */
  seq: number;
  /** Epoch milliseconds when the producer created the event; consumers derive latency. */
  sentAt: number;
  userId: string;
  name: string;
  email: string;
  address: UserAddress;
  /** ISO-8601 instant of the registration. */
  registeredAt: string;
  /** Filler that brings the serialised event to a requested size (benchmarks). */
  padding?: string;
}
