import type { JSONEventData } from '@eventstore/db-client';
import type { EventData } from '../../../services/event-store';
import {
  decodeMetadata,
  encodeMetadata,
  toClientEvent,
  toRecordedEvent,
} from '../../../infra/event-store/eventstoredb/mapping/events';
import { fromServer, utf8 } from './server-events';

/** The bytes the client writes for a JSON event's data or metadata (`JSON.stringify`, UTF-8). */
const asWritten = (value: unknown): Uint8Array => utf8(JSON.stringify(value));

const claimFiled: EventData = {
  id: '5f0c6a2e-8d1b-4c3a-9e7f-1a2b3c4d5e6f',
  type: 'ClaimFiled',
  data: { product: '爱奇艺黄金会员 月卡', description: '会员开通后一小时掉线，页面提示“账号异常” 🙏', amount: { amount: 1990, currency: 'CNY' } },
  metadata: { commandId: 'c-1', actor: { id: 'buyer-li', role: 'claimant' }, 备注: '消费者协会 ⚖️', prevHash: null },
};

describe('events appended to EventStoreDB', () => {
  it('become JSON events with the writer’s id, type, data and metadata object', () => {
    const proposed = toClientEvent(claimFiled) as JSONEventData;

    expect(proposed).toEqual({
      id: claimFiled.id,
      contentType: 'application/json',
      type: 'ClaimFiled',
      data: claimFiled.data,
      metadata: claimFiled.metadata,
    });
  });

  it('send undefined data as JSON null and missing metadata as an empty object', () => {
    const proposed = toClientEvent({ id: claimFiled.id, type: 'Ping', data: undefined, metadata: undefined as never });

    expect(proposed.data).toBeNull();
    expect(proposed.metadata).toEqual({});
  });

  it('refuse metadata that is not a JSON object', () => {
    expect(() => encodeMetadata(['not', 'an', 'object'] as never)).toThrow(TypeError);
  });
});

describe('events read back from EventStoreDB', () => {
  it('read back exactly as written, Chinese text and emoji included, through the client’s own decoding', () => {
    const proposed = toClientEvent(claimFiled) as JSONEventData;
    const createdAt = new Date('2026-11-24T08:00:00.123Z');
    const resolved = fromServer({
      streamId: 'claim-5f0c6a2e',
      revision: 7n,
      position: 123_456n,
      id: proposed.id,
      type: proposed.type,
      data: asWritten(proposed.data),
      metadata: asWritten(proposed.metadata),
      createdAt,
    });

    expect(toRecordedEvent(resolved)).toEqual({
      streamId: 'claim-5f0c6a2e',
      revision: 7n,
      position: 123_456n,
      id: claimFiled.id,
      type: 'ClaimFiled',
      data: claimFiled.data,
      metadata: claimFiled.metadata,
      recordedAt: createdAt,
    });
  });

  it('read empty metadata as {} whether it was written as {} or not at all', () => {
    const written = fromServer({ streamId: 's', revision: 0n, position: 10n, metadata: asWritten({}) });
    const absent = fromServer({ streamId: 's', revision: 0n, position: 10n });

    expect(absent.event?.metadata).toBeUndefined();
    expect(toRecordedEvent(written).metadata).toEqual({});
    expect(toRecordedEvent(absent).metadata).toEqual({});
  });

  it('read metadata another application wrote as something other than a JSON object as {}', () => {
    const binary = fromServer({ streamId: 's', revision: 0n, position: 10n, metadata: new Uint8Array([0xff, 0x00, 0x01]) });
    const array = fromServer({ streamId: 's', revision: 0n, position: 10n, metadata: asWritten(['a', 'b']) });

    expect(toRecordedEvent(binary).metadata).toEqual({});
    expect(toRecordedEvent(array).metadata).toEqual({});
  });

  it('parse metadata handed over as UTF-8 JSON bytes', () => {
    expect(decodeMetadata(asWritten({ 备注: '掉线 📱' }))).toEqual({ 备注: '掉线 📱' });
    expect(decodeMetadata(undefined)).toEqual({});
  });

  it('read JSON null data back as null', () => {
    const resolved = fromServer({ streamId: 's', revision: 0n, position: 10n, data: asWritten(null) });

    expect(toRecordedEvent(resolved).data).toBeNull();
  });

  it('refuse a resolved event without its event', () => {
    expect(() => toRecordedEvent({ commitPosition: 10n })).toThrow(/without its event/);
  });
});
