/** CLM bodies the server-kit tests send: valid ones, which the proxy's own checks let through. */

/** A signer's field on the start page, in PDF points. */
export const SIGNATURE_FIELD = { x: 72, y: 90, width: 160, height: 60, digitalSignature: true, repeatSignature: false };

/** An execute-file body: `%PDF-1.4` as the file, one signer and a witness. */
export const CONTRACT = {
  base64File: 'JVBERi0xLjQK',
  title: 'Service agreement',
  startPage: 0,
  workflows: [
    {
      title: 'First party',
      name: 'Sara Ahmadi',
      nationalCode: '0499370899',
      contact: '09121234567',
      role: 0,
      signatureField: SIGNATURE_FIELD,
    },
    { title: 'Witness', name: 'Mina Rahimi', nationalCode: '0012345679', contact: '09131234567', role: 1 },
  ],
};

export const TEMPLATE_ID = 'bfbee1a0-fafe-4cbc-b3fd-1424ac5a3c7a';

/** An execute-template body for TEMPLATE_ID with the given document fields. */
export function templateBody(documentFields: Array<{ name: string; value: string }>) {
  return {
    templateId: TEMPLATE_ID,
    title: 'قرارداد',
    workflows: [
      {
        id: 'b9df253f-70e8-44b2-afaf-78dbff33fdd7',
        contact: '09121234567',
        nationalCode: '0499370899',
        name: 'سارا',
        title: 'طرف اول قرارداد',
      },
    ],
    documentFields,
  };
}
