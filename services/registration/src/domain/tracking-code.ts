/** The citizen's tracking code (the same short, checked code as a hotline case's number: @onedoor/application). */
export { newTrackingCode, normaliseTrackingCode } from '@onedoor/application';
