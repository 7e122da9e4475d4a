/**
 * The carriers every installation starts with. Aliases are compared after
 * `normaliseCarrierText` (lower case, punctuation and spaces removed).
 */
export interface CarrierSeed {
  code: string;
  name: string;
  trackingUrlTemplate: string | null;
  aliases: string[];
}

export const CARRIER_SEED: CarrierSeed[] = [
  {
    code: 'ups',
    name: 'UPS',
    trackingUrlTemplate: 'https://www.ups.com/track?tracknum={number}',
    aliases: [
      'ups',
      'unitedparcelservice',
      'upsground',
      'upsstandard',
      'upsexpress',
      'upsnextdayair',
      'ups2nddayair',
      'upssurepost',
      'upsmailinnovations',
    ],
  },
  {
    code: 'usps',
    name: 'USPS',
    trackingUrlTemplate: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={number}',
    aliases: [
      'usps',
      'unitedstatespostalservice',
      'uspostalservice',
      'uspriority',
      'uspspriority',
      'uspsprioritymail',
      'uspsfirstclass',
      'uspsgroundadvantage',
      'firstclassmail',
      'prioritymail',
    ],
  },
  {
    code: 'fedex',
    name: 'FedEx',
    trackingUrlTemplate: 'https://www.fedex.com/fedextrack/?trknbr={number}',
    aliases: [
      'fedex',
      'federalexpress',
      'fedexground',
      'fedexhomedelivery',
      'fedexexpress',
      'fedexsmartpost',
      'fedex2day',
      'fedexovernight',
    ],
  },
  {
    code: 'dhl',
    name: 'DHL Express',
    trackingUrlTemplate:
      'https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={number}',
    aliases: ['dhl', 'dhlexpress', 'dhlworldwide', 'dhlecommerce', 'dhlglobalmail'],
  },
  {
    code: 'dhl_paket',
    name: 'DHL Paket',
    trackingUrlTemplate:
      'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={number}',
    aliases: ['dhlpaket', 'dhlparcel', 'dhlde', 'dhlparceldeutschland'],
  },
  {
    code: 'deutsche_post',
    name: 'Deutsche Post',
    trackingUrlTemplate: 'https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode={number}',
    aliases: ['deutschepost', 'dpag', 'post', 'warenpost', 'einschreiben'],
  },
  {
    code: 'canada_post',
    name: 'Canada Post',
    trackingUrlTemplate:
      'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={number}',
    aliases: ['canadapost', 'postescanada', 'canpost', 'cp'],
  },
  {
    code: 'royal_mail',
    name: 'Royal Mail',
    trackingUrlTemplate: 'https://www.royalmail.com/track-your-item#/tracking-results/{number}',
    aliases: ['royalmail', 'rm', 'royalmailtracked', 'parcelforce'],
  },
  {
    code: 'ontrac',
    name: 'OnTrac',
    trackingUrlTemplate: 'https://www.ontrac.com/tracking/?number={number}',
    aliases: ['ontrac', 'lasership'],
  },
  {
    code: 'amazon',
    name: 'Amazon Logistics',
    trackingUrlTemplate: 'https://track.amazon.com/tracking/{number}',
    aliases: ['amazon', 'amazonlogistics', 'amzl', 'amazonshipping'],
  },
  {
    code: 'dpd',
    name: 'DPD',
    trackingUrlTemplate: 'https://tracking.dpd.de/status/en_US/parcel/{number}',
    aliases: ['dpd', 'dpdgroup'],
  },
  {
    code: 'gls',
    name: 'GLS',
    trackingUrlTemplate: 'https://gls-group.com/track/{number}',
    aliases: ['gls', 'generallogisticssystems'],
  },
  {
    code: 'hermes',
    name: 'Hermes',
    trackingUrlTemplate: 'https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#{number}',
    aliases: ['hermes', 'evri', 'myhermes'],
  },
  {
    code: 'purolator',
    name: 'Purolator',
    trackingUrlTemplate: 'https://www.purolator.com/en/shipping/tracker?pin={number}',
    aliases: ['purolator'],
  },
  {
    code: 'australia_post',
    name: 'Australia Post',
    trackingUrlTemplate: 'https://auspost.com.au/mypost/track/details/{number}',
    aliases: ['australiapost', 'auspost'],
  },
  {
    code: 'postnl',
    name: 'PostNL',
    trackingUrlTemplate: 'https://jouw.postnl.nl/track-and-trace/{number}',
    aliases: ['postnl'],
  },
];

/** "U.P.S. Ground" → "upsground": what aliases are compared with. */
export function normaliseCarrierText(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
