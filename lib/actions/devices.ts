'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db';
import { registerOwnDevice, retireOwnDevice, updateOwnDevice } from '@/db/commands/own-devices';
import { refreshScoresFrom } from '@/lib/actions/score-refresh';
import { runGuardedAction } from '@/lib/auth/action-guard';
import type { FormState } from '@/lib/validation/action-result';
import { ownDeviceFromFormData, ownDeviceSchema, retireOwnDeviceSchema, updateOwnDeviceSchema } from '@/lib/validation/devices';

function afterChange(now: Date, deviceId: number): void {
  refreshScoresFrom(now);
  revalidatePath('/my');
  revalidatePath(`/my/devices/${deviceId}`);
}

/** Registers a device of the signed-in person ('view:own'); validated; versioned; audited. */
export async function registerDevice(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'view:own',
    schema: ownDeviceSchema,
    fromFormData: ownDeviceFromFormData,
    run: (actor, data) => {
      const now = new Date();
      const result = registerOwnDevice(db, actor, data, { now });
      if (!result.ok) return result;
      afterChange(now, result.deviceId);
      return { ok: true, message: `${data.model} is registered. Your score now takes it into account.` };
    },
  });
}

/** Records an edit of one of the signed-in person's own devices; anyone else's is refused as not found. */
export async function updateDevice(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'view:own',
    schema: updateOwnDeviceSchema,
    fromFormData: ownDeviceFromFormData,
    run: (actor, data) => {
      const now = new Date();
      const result = updateOwnDevice(db, actor, data, { now });
      if (!result.ok) return result;
      afterChange(now, result.deviceId);
      return { ok: true, message: result.changed ? 'Your changes are saved.' : 'Nothing changed; the device is confirmed as seen today.' };
    },
  });
}

/** Retires one of the signed-in person's own devices (no longer used for work). */
export async function retireDevice(_previous: FormState, input: FormData): Promise<FormState> {
  return runGuardedAction(input, {
    capability: 'view:own',
    schema: retireOwnDeviceSchema,
    run: (actor, data) => {
      const now = new Date();
      const result = retireOwnDevice(db, actor, data, { now });
      if (!result.ok) return result;
      afterChange(now, result.deviceId);
      return { ok: true, message: 'The device is retired. It no longer counts from today; its history is kept.' };
    },
  });
}
