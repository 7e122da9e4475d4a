import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { DETECT_CARRIER } from './queries';

/** Asks the server which carrier a number belongs to, a moment after typing stops. */
export function useCarrierDetection(trackingNumber: string) {
  const [debounced, setDebounced] = useState(trackingNumber.trim());
  useEffect(() => {
    const id = setTimeout(() => setDebounced(trackingNumber.trim()), 300);
    return () => clearTimeout(id);
  }, [trackingNumber]);
  const skip = debounced.length < 6;
  const { data } = useQuery(DETECT_CARRIER, { variables: { trackingNumber: debounced }, skip });
  return skip ? null : (data?.detectCarrier ?? null);
}
