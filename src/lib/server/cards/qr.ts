import QRCode from 'qrcode';

/** An SVG QR code for a URL (our own generated markup, safe to place in the page). */
export function qrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}
