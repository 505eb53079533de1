// The names and habits the demo org is made of: partners by type, what each type of partner does
// on a deal, sellers, and word lists for customer names.
import type { PartnerType } from '../modules/partners'

export const partnerPlan: { type: PartnerType; names: string[] }[] = [
  { type: 'distributor', names: ['Atlas Distribution', 'Meridian Supply Group'] },
  {
    type: 'reseller',
    names: [
      'Bluefin Resellers',
      'Copperline IT',
      'Harbor Systems',
      'Keystone Solutions',
      'Northgate Technology',
      'Pinecrest Partners',
      'Redwood Digital',
      'Silverline Networks',
      'Summit Channel',
      'Tidewater Tech',
      'Vantage Resale',
      'Westbrook Computing',
      'Orchard IT Services',
      'Granite Cloud',
      'Lakeside Systems',
      'Beacon Technology Group',
    ],
  },
  {
    type: 'referral',
    names: [
      'Brightpath Advisors',
      'Clearwater Consulting',
      'Foxglove Ventures',
      'Ironbridge Advisory',
      'Juniper Referrals',
      'Lumen Network',
      'Maple & Co',
      'Oakridge Partners',
      'Quartz Connect',
      'Sparrow Intros',
    ],
  },
  {
    type: 'affiliate',
    names: [
      'SaaS Stack Weekly',
      'CloudCompare',
      'DevTools Digest',
      'OpsReview',
      'StackShare Deals',
      'TechRadar Picks',
      'The B2B Ledger',
      'Tool Finder',
    ],
  },
  {
    type: 'agency',
    names: [
      'Bold Orbit Agency',
      'Catalyst Growth',
      'Driftwood Studio',
      'Ember Digital',
      'Helix Marketing',
      'Kinetic RevOps',
      'Nimbus Creative',
      'Prism Consulting',
    ],
  },
  {
    type: 'technology',
    names: ['Datapipe', 'Flowmatic', 'Gridlock Security', 'Hookline', 'Metricly', 'Segmenta', 'Syncwell'],
  },
  {
    type: 'alliance',
    names: ['Globex Cloud Alliance', 'Initech Strategic', 'Stark Systems Integrators', 'Umbrella Consulting'],
  },
  {
    type: 'marketplace_app',
    names: [
      'AppMarket Connector',
      'Cloud Marketplace Listing',
      'Partner App Hub',
      'Storefront Plugin',
      'Workspace Add-on',
    ],
  },
]

export const activitiesByType: Record<PartnerType, string[]> = {
  distributor: ['quote', 'training', 'deal_registration'],
  reseller: ['deal_registration', 'demo', 'quote', 'proposal'],
  referral: ['referral'],
  affiliate: ['referral', 'content_share'],
  agency: ['referral', 'proposal', 'content_share'],
  technology: ['integration_install', 'co_sell_meeting'],
  alliance: ['co_sell_meeting', 'proposal', 'referral'],
  marketplace_app: ['integration_install'],
}
export const sellerActivities = ['demo', 'proposal', 'quote', 'co_sell_meeting']
export const sellers = [
  'jordan.lee@northwind.example',
  'sam.patel@northwind.example',
  'riley.chen@northwind.example',
  'casey.morgan@northwind.example',
  'alex.kim@northwind.example',
]
/** Where partners and customers are based (US-heavy, like most SaaS vendors' books). */
export const countries = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'CA', 'AU', 'NL', 'SE', 'SG', 'JP']

/** The sales region each country belongs to; partners are tagged with their country's region. */
export const regionOf: Record<string, 'na' | 'emea' | 'apac'> = {
  US: 'na',
  CA: 'na',
  GB: 'emea',
  DE: 'emea',
  FR: 'emea',
  NL: 'emea',
  SE: 'emea',
  AU: 'apac',
  SG: 'apac',
  JP: 'apac',
}

/** The currency a business in the country trades in. */
export const currencyOf: Record<string, string> = {
  US: 'USD',
  CA: 'CAD',
  GB: 'GBP',
  DE: 'EUR',
  FR: 'EUR',
  NL: 'EUR',
  SE: 'SEK',
  AU: 'AUD',
  SG: 'SGD',
  JP: 'JPY',
}

export const words1 = [
  'Acme',
  'Apex',
  'Blue',
  'Bright',
  'Cedar',
  'Delta',
  'Echo',
  'Falcon',
  'Golden',
  'Harbor',
  'Iron',
  'Jade',
  'Kite',
  'Lunar',
  'Metro',
  'Nova',
  'Orbit',
  'Polar',
  'Quantum',
  'River',
  'Solar',
  'Terra',
  'Urban',
  'Vertex',
  'Willow',
  'Zen',
]

/** The second word of a customer's name and the industry it implies ("Acme Bank" is a bank). */
export const words2: Record<string, string> = {
  Analytics: 'Software',
  Bank: 'Financial services',
  Biotech: 'Healthcare',
  Logistics: 'Logistics',
  Health: 'Healthcare',
  Retail: 'Retail',
  Foods: 'Consumer goods',
  Media: 'Media',
  Motors: 'Manufacturing',
  Energy: 'Energy',
  Insurance: 'Financial services',
  Labs: 'Software',
  Robotics: 'Manufacturing',
  Travel: 'Travel and hospitality',
  Telecom: 'Telecommunications',
  Foundry: 'Manufacturing',
}

/** Company-name endings; with the two word lists they give every account a distinct name. */
export const words3 = ['', 'Group', 'Inc', 'Co', 'Holdings', 'International', 'Partners']
