/**
 * What a payer does at the cashier with the sandbox channel, played by fetch: press the sandbox button on
 * `/pay/<code>` (303 to the sandbox's pay page), then open that page (the sandbox pays and answers 303 back to the
 * cashier's return page). Resolves with both answers for the test to check; the notice is paid once the sandbox's
 * notification has arrived, which the caller waits for.
 */
export const payThroughSandbox = async (
  payments: string,
  paymentCode: string,
): Promise<{ readonly started: Response; readonly paid: Response }> => {
  const started = await fetch(`${payments}/pay/${paymentCode.replaceAll(' ', '')}/sandbox`, {
    method: 'POST',
    redirect: 'manual',
  });
  await started.body?.cancel();
  const location = started.headers.get('location');
  if (started.status !== 303 || !location) throw new Error(`the cashier answered ${started.status}, not 303`);
  const paid = await fetch(location, { redirect: 'manual' });
  await paid.body?.cancel();
  return { started, paid };
};
