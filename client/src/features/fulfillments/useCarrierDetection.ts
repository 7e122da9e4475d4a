import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { compactTrackingNumber } from '@ft/shared';
import { DETECT_CARRIER } from './queries';

/** Asks the server which carrier a number belongs to, a moment after typing stops; spaces and dashes do not count. */
export function useCarrierDetection(trackingNumber: string) {
  const [debounced, setDebounced] = useState(compactTrackingNumber(trackingNumber));
  useEffect(() => {
    const id = setTimeout(() => setDebounced(compactTrackingNumber(trackingNumber)), 300);
    return () => clearTimeout(id);
  }, [trackingNumber]);
  const skip = debounced.length < 6;
  const { data } = useQuery(DETECT_CARRIER, { variables: { trackingNumber: debounced }, skip });
  return skip ? null : (data?.detectCarrier ?? null);
}
